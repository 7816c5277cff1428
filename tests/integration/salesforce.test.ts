/**
 * The Salesforce connector signing in each way against the test server with the real jsforce:
 * SOAP login, the OAuth password grant, access token, OAuth tokens; refusals naming the
 * credential; an expired session refreshed (and the new token saved); no secret in messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSalesforce } from '../../main/core/attributes/salesforce';
import { contactObject, makeContacts, startSalesforceServer, type SalesforceTestServer } from '../servers/salesforce';
import { apiErrorOf, collect, expectNoSecret, oauthFields, passwordFields, tokenFields } from './salesforce-support';

let sf: SalesforceTestServer;
const noSave = (): void => undefined;

beforeAll(async () => {
  sf = await startSalesforceServer({ objects: [contactObject(makeContacts(30))] });
});
afterAll(async () => {
  await sf.close();
});

describe('signing in', () => {
  it('logs in with username + password + security token over SOAP and names the user', async () => {
    const before = sf.auth.counts.soapLogins;
    const connector = openSalesforce(passwordFields(sf), { saveSecrets: noSave });
    expect(await connector.identity()).toBe(sf.user.username);
    expect(sf.auth.counts.soapLogins).toBe(before + 1);
    // The API version given is the one used.
    expect(sf.stats.apiVersions).toContain('61.0');
    expect(sf.stats.requests).toContain('POST /services/Soap/u/61.0');
    await connector.close();
    await connector.close();
  });

  it('uses the OAuth password grant when the connected app id and secret are given', async () => {
    const before = sf.auth.counts.passwordGrants;
    const connector = openSalesforce(passwordFields(sf, { clientId: sf.clientId, clientSecret: sf.clientSecret }), { saveSecrets: noSave });
    expect(await connector.identity()).toBe(sf.user.username);
    expect(sf.auth.counts.passwordGrants).toBe(before + 1);
  });

  it('connects with an access token and instance URL', async () => {
    const connector = openSalesforce(tokenFields(sf), { saveSecrets: noSave });
    expect(await connector.identity()).toBe(sf.user.username);
  });

  it('connects with OAuth tokens, and with only a refresh token it refreshes first and saves the new access token', async () => {
    expect(await openSalesforce(oauthFields(sf), { saveSecrets: noSave }).identity()).toBe(sf.user.username);
    const saved: Array<Record<string, string>> = [];
    const fields = oauthFields(sf, { accessToken: undefined, instanceUrl: undefined });
    const connector = openSalesforce(fields, { saveSecrets: (s) => void saved.push(s) });
    expect(await connector.identity()).toBe(sf.user.username);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).toMatch(/^00D/);
  });

  it('says which credential Salesforce refused', async () => {
    const wrong = passwordFields(sf, { password: 'not-the-password-1' });
    const soap = await apiErrorOf(openSalesforce(wrong, { saveSecrets: noSave }).identity());
    expect(soap.code).toBe('auth_failed');
    expect(soap.message).toBe('Salesforce refused the username or password (INVALID_LOGIN)');
    expectNoSecret(soap.message, wrong);

    const noToken = await apiErrorOf(openSalesforce(passwordFields(sf, { securityToken: undefined }), { saveSecrets: noSave }).tables());
    expect(noToken.code).toBe('auth_failed');

    const grant = passwordFields(sf, { password: 'not-the-password-2', clientId: sf.clientId, clientSecret: sf.clientSecret });
    const oauth = await apiErrorOf(openSalesforce(grant, { saveSecrets: noSave }).identity());
    expect(oauth).toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the username or password (invalid_grant)' });
    expectNoSecret(oauth.message, grant);

    const badSecret = passwordFields(sf, { clientId: sf.clientId, clientSecret: 'wrong-client-secret' });
    const client = await apiErrorOf(openSalesforce(badSecret, { saveSecrets: noSave }).identity());
    expect(client.code).toBe('auth_failed');
    expect(client.message).toMatch(/client secret/);
    expectNoSecret(client.message, badSecret);

    const staleToken = tokenFields(sf, { accessToken: '00D000000000001EAA!stale-token-that-was-never-issued' });
    const token = await apiErrorOf(openSalesforce(staleToken, { saveSecrets: noSave }).tables());
    expect(token).toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the access token (INVALID_SESSION_ID)' });
    expectNoSecret(token.message, staleToken);
  });

  it('asks for the fields an auth needs before calling Salesforce', () => {
    expect(() => openSalesforce({ loginUrl: sf.url, auth: 'password', username: 'a@b.c', apiVersion: '62.0' }, { saveSecrets: noSave }))
      .toThrow(/needs password/);
    expect(() => openSalesforce({ loginUrl: sf.url, auth: 'token', accessToken: 'x'.repeat(20), apiVersion: '62.0' }, { saveSecrets: noSave }))
      .toThrow(/needs instanceUrl/);
  });

  it('retries a failed login on the next call', async () => {
    const connector = openSalesforce(passwordFields(sf, { username: 'later@example.com' }), { saveSecrets: noSave });
    await apiErrorOf(connector.identity());
    sf.auth.users.push({ username: 'later@example.com', password: sf.user.password, securityToken: sf.user.securityToken });
    try {
      expect(await connector.identity()).toBe('later@example.com');
    } finally {
      sf.auth.users.pop();
    }
  });
});

describe('an expired session', () => {
  it('is refreshed with the refresh token, the read goes on, and the new token is saved', async () => {
    const saved: Array<Record<string, string>> = [];
    const fields = oauthFields(sf);
    const connector = openSalesforce(fields, { saveSecrets: (s) => void saved.push(s) });
    expect(await connector.columns('Contact')).not.toHaveLength(0);
    sf.expireAccessTokens();
    const before = sf.auth.counts.refreshGrants;
    const { rows } = await collect(connector.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: new AbortController().signal }));
    expect(rows).toHaveLength(30);
    expect(sf.auth.counts.refreshGrants).toBe(before + 1);
    expect(saved).toEqual([{ accessToken: expect.stringMatching(/^00D/) as string }]);
    expect(saved[0]!.accessToken).not.toBe(fields.accessToken);
  });

  it('logs in again with the password', async () => {
    const connector = openSalesforce(passwordFields(sf), { saveSecrets: noSave });
    await connector.tables();
    sf.expireAccessTokens();
    const before = sf.auth.counts.soapLogins;
    expect((await connector.tables()).map((t) => t.name)).toEqual(['Contact']);
    expect(sf.auth.counts.soapLogins).toBe(before + 1);
  });

  it('with a refused refresh token fails naming the refresh token', async () => {
    const fields = oauthFields(sf);
    const connector = openSalesforce(fields, { saveSecrets: noSave });
    await connector.tables();
    sf.expireAccessTokens();
    sf.revokeRefreshTokens();
    const err = await apiErrorOf(connector.tables());
    expect(err).toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the refresh token (invalid_grant)' });
    expectNoSecret(err.message, fields);
  });

  it('with an access token, a refresh token and a client id, is refreshed too', async () => {
    const saved: Array<Record<string, string>> = [];
    const connector = openSalesforce(tokenFields(sf, { refreshToken: sf.issueRefreshToken(), clientId: sf.clientId }), { saveSecrets: (s) => void saved.push(s) });
    await connector.tables();
    sf.expireAccessTokens();
    expect(await connector.identity()).toBe(sf.user.username);
    expect(saved).toHaveLength(1);
  });

  it('gives up when Salesforce refuses even the refreshed tokens, instead of refreshing forever', async () => {
    const connector = openSalesforce(oauthFields(sf), { saveSecrets: () => undefined });
    const before = sf.auth.counts.refreshGrants;
    sf.auth.refuseAllTokens = true;
    try {
      const err = await apiErrorOf(connector.tables());
      expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/refused the access token again/) as string });
      expect(sf.auth.counts.refreshGrants - before).toBe(3);
    } finally {
      sf.auth.refuseAllTokens = false;
    }
  });

  it('without a refresh token fails naming the access token', async () => {
    const connector = openSalesforce(tokenFields(sf), { saveSecrets: noSave });
    await connector.tables();
    sf.expireAccessTokens();
    expect(await apiErrorOf(connector.tables())).toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/access token/) as string });
  });
});
