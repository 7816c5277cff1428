import { describe, expect, it } from 'vitest';
import type { SnowflakeFields } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';
import { loginError, queryError, snowflakeCode } from './errors';

const fields = (auth: SnowflakeFields['auth'], extra: Partial<SnowflakeFields> = {}): SnowflakeFields => ({
  account: 'acct', username: 'ALICE', auth, ...extra,
});

describe('Snowflake errors', () => {
  it('names the refused credential', () => {
    const refused = { name: 'OperationFailedError', code: '390100', message: 'Incorrect username or password was specified.' };
    expect(loginError(refused, fields('password')).toData()).toEqual({ code: 'auth_failed', message: 'Snowflake refused the password for user ALICE (390100)' });
    expect(loginError({ ...refused, code: '390144' }, fields('keypair')).message).toBe('Snowflake refused the key pair for user ALICE (390144)');
    expect(loginError({ ...refused, code: '394400' }, fields('pat')).message).toBe('Snowflake refused the programmatic access token for user ALICE (394400)');
  });

  it('says who did not answer on a network error', () => {
    const err = loginError({ name: 'NetworkError', code: 401001, message: 'connect ECONNREFUSED 127.0.0.1:9' }, fields('password', { accessUrl: 'http://127.0.0.1:9' }));
    expect(err.toData()).toEqual({ code: 'source_failed', message: 'Snowflake at http://127.0.0.1:9 did not answer (connect ECONNREFUSED 127.0.0.1:9)' });
    expect(queryError({ name: 'NetworkError', code: 401001, message: 'x' }, fields('password'), 'T').message).toBe('Snowflake at https://acct.snowflakecomputing.com did not answer (x)');
  });

  it('keeps Snowflake message and code of an SQL error, on one line', () => {
    const err = queryError({ name: 'OperationFailedError', code: '002003', sqlState: '42S02', message: "SQL compilation error:\nObject 'X' does not exist." }, fields('password'), 'DB.S.X');
    expect(err.toData()).toEqual({
      code: 'source_failed',
      message: "Snowflake could not read DB.S.X: SQL compilation error: Object 'X' does not exist. (002003)",
      details: { snowflakeCode: '002003', sqlState: '42S02' },
    });
    expect(snowflakeCode(err)).toBe('002003');
    expect(snowflakeCode(new ApiError('source_failed', 'x'))).toBeUndefined();
  });

  it('masks the connection secrets in whatever the driver said', () => {
    const secretFields = fields('password', { password: 'hunter2-secret', token: 'tok-123456' });
    const said = { name: 'Error', message: 'bad login with hunter2-secret and tok-123456' };
    expect(loginError(said, secretFields).message).toBe('Snowflake login of user ALICE with password failed: bad login with *** and ***');
    expect(queryError(said, secretFields, 'T').message).not.toContain('hunter2');
  });
});
