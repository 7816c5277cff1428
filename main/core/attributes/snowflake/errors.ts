/**
 * snowflake-sdk's errors as the contract's errors, in one line each: a refused login is
 * `auth_failed` naming the credential ("Snowflake refused the password for user ALICE
 * (390100)"); SQL errors, an unreachable account and a result that stopped coming are
 * `source_failed` with Snowflake's message and code. No message ever carries a secret: the
 * connection's secret values are masked in whatever the driver or the server said.
 */
import type { SnowflakeFields } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';

interface DriverError {
  name?: string;
  code?: string | number;
  message?: string;
  sqlState?: string;
}

/** Login error codes that mean the credential itself was refused. */
const CREDENTIAL_CODES = new Set([
  '390100', // incorrect username or password
  '390101', // user disabled
  '390102', // user temporarily locked
  '390144', // JWT invalid
  '390190', // SSO token invalid
  '390303', // OAuth/PAT token invalid
  '390318', // OAuth/PAT token expired
  '394400', // programmatic access token invalid
]);

const CREDENTIAL: Record<SnowflakeFields['auth'], string> = {
  password: 'password',
  keypair: 'key pair',
  pat: 'programmatic access token',
  sso: 'single sign-on',
};

/** The URL the driver talks to, as messages name it. */
export function accountUrl(fields: SnowflakeFields): string {
  return fields.accessUrl ?? `https://${fields.account}.snowflakecomputing.com`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Masks every secret of the connection that appears in a message. */
export function withoutSecrets(text: string, fields: SnowflakeFields): string {
  let out = text;
  for (const secret of [fields.password, fields.token, fields.privateKeyPass]) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

/** Snowflake's code of an SQL error (`002003`: no such object, `003001`: not allowed), if it was one. */
export function snowflakeCode(err: unknown): string | undefined {
  const details = err instanceof ApiError ? (err.details as { snowflakeCode?: string } | undefined) : undefined;
  return details?.snowflakeCode;
}

function asDriverError(err: unknown): DriverError {
  return typeof err === 'object' && err !== null ? (err as DriverError) : { message: String(err) };
}

function isNetwork(e: DriverError): boolean {
  return e.name === 'NetworkError' || e.name === 'RequestFailedError' || e.code === 401001 || e.code === 402001;
}

export function unreachable(fields: SnowflakeFields, detail: string): ApiError {
  return new ApiError('source_failed', withoutSecrets(`Snowflake at ${accountUrl(fields)} did not answer (${oneLine(detail)})`, fields));
}

/** An error of connect(). */
export function loginError(err: unknown, fields: SnowflakeFields): ApiError {
  if (err instanceof ApiError) return err;
  const e = asDriverError(err);
  const message = oneLine(e.message ?? 'unknown error');
  if (isNetwork(e)) return unreachable(fields, message);
  const code = e.code === undefined ? '' : String(e.code);
  if (CREDENTIAL_CODES.has(code)) {
    return new ApiError('auth_failed', `Snowflake refused the ${CREDENTIAL[fields.auth]} for user ${fields.username} (${code})`);
  }
  if (e.name === 'OperationFailedError' && code) {
    return new ApiError('auth_failed', withoutSecrets(`Snowflake refused the login of user ${fields.username}: ${message} (${code})`, fields));
  }
  // The driver's own failures before it sent anything: a key it could not use, an SSO that timed out.
  return new ApiError('auth_failed', withoutSecrets(`Snowflake login of user ${fields.username} with ${CREDENTIAL[fields.auth]} failed: ${message}`, fields));
}

/** An error of a query, or of reading its result; `what` says what was being read. */
export function queryError(err: unknown, fields: SnowflakeFields, what: string): ApiError {
  if (err instanceof ApiError) return err;
  const e = asDriverError(err);
  const message = oneLine(e.message ?? 'unknown error');
  if (isNetwork(e)) return unreachable(fields, message);
  if (e.name === 'LargeResultSetError') {
    return new ApiError('source_failed', withoutSecrets(`Snowflake stopped sending ${what} (${message})`, fields));
  }
  if (e.code === '390114' || e.code === '390104') {
    return new ApiError('auth_failed', `Snowflake ended the session of user ${fields.username}; test the connection to log in again (${e.code})`);
  }
  const code = e.code === undefined ? '' : ` (${e.code})`;
  const details = e.code === undefined ? undefined : { snowflakeCode: String(e.code), sqlState: e.sqlState };
  return new ApiError('source_failed', withoutSecrets(`Snowflake could not read ${what}: ${message}${code}`, fields), details);
}
