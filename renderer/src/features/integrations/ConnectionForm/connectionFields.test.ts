import { describe, expect, it } from 'vitest';
import { salesforceFields, snowflakeFields } from '../../../../../common/attributes';
import { initialValues, loginChoice, missingFields, payload } from './connectionFields';

describe('connection fields', () => {
  it('a new Salesforce password connection needs a username and a password', () => {
    const values = initialValues('salesforce', null);
    expect(missingFields('salesforce', values, [])).toEqual({ username: 'Required', password: 'Required' });
    const filled = { ...values, username: 'alice@acme.com', password: 'pw', securityToken: 'tok' };
    expect(missingFields('salesforce', filled, [])).toEqual({});
    expect(salesforceFields.safeParse(payload('salesforce', filled)).success).toBe(true);
  });

  it('an edited connection keeps its saved secrets: empty secret fields are not sent and not required', () => {
    const values = { auth: 'password', loginUrl: 'https://test.salesforce.com', username: 'alice@acme.com', password: '', securityToken: '' };
    expect(missingFields('salesforce', values, ['password'])).toEqual({});
    expect(payload('salesforce', values)).toEqual({ auth: 'password', loginUrl: 'https://test.salesforce.com', username: 'alice@acme.com' });
  });

  it('sends only the fields of the chosen sign-in method', () => {
    const values = { auth: 'token', loginUrl: 'https://login.salesforce.com', username: 'alice', password: 'left over', instanceUrl: ' https://acme.my.salesforce.com ', accessToken: '00D!x' };
    expect(payload('salesforce', values)).toEqual({ auth: 'token', instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D!x' });
  });

  it('Snowflake: key pair needs the key file; the passphrase stays optional', () => {
    const values = { auth: 'keypair', account: 'org-acct', username: 'ALICE', warehouse: 'WH' };
    expect(missingFields('snowflake', values, [])).toEqual({ privateKeyPath: 'Required' });
    const filled = { ...values, privateKeyPath: '/k.p8' };
    expect(missingFields('snowflake', filled, [])).toEqual({});
    expect(snowflakeFields.safeParse(payload('snowflake', filled)).success).toBe(true);
    expect(missingFields('snowflake', { auth: 'sso', account: 'a', username: 'u' }, [])).toEqual({});
  });

  it('refuses a login URL that is not http(s)', () => {
    expect(missingFields('salesforce', { auth: 'oauth', loginUrl: 'acme.my.salesforce.com', clientId: 'k' }, [])).toEqual({
      loginUrl: 'An http(s) URL, like https://acme.my.salesforce.com',
    });
  });

  it('reads which login URL choice a saved URL is', () => {
    expect(loginChoice('https://login.salesforce.com/')).toBe('production');
    expect(loginChoice('https://test.salesforce.com')).toBe('sandbox');
    expect(loginChoice('https://acme.my.salesforce.com')).toBe('mydomain');
    expect(loginChoice(undefined)).toBe('production');
  });
});
