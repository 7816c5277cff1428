/**
 * One signed-in jsforce Connection per connector, whatever the auth: every kind ends as an
 * instance URL + access token, with a refresh function jsforce calls on a 401 before replaying
 * the request (re-login for username + password, the refresh-token grant for tokens and OAuth).
 * Our own refresh function, rather than jsforce's, lets us save a refreshed token, keep the
 * credential-specific reason when a refresh fails, and stop a server that keeps answering 401
 * from making jsforce refresh forever.
 */
import { Connection, OAuth2 } from 'jsforce';
import type { SalesforceFields } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';
import type { SaveSecrets } from '../connector';
import { toSalesforceError, type ErrorContext, type SalesforcePhase } from './errors';
import { proxyFor } from './http';

/** More refreshes than this within REFRESH_WINDOW_MS means the new tokens are refused too. */
const MAX_REFRESHES = 3;
const REFRESH_WINDOW_MS = 60_000;

interface Tokens {
  accessToken: string;
  instanceUrl: string;
}

export interface SalesforceSession {
  /** Signs in on first use; a failed sign-in is retried by the next call. */
  connection(): Promise<Connection>;
  /** Any error of a call made with the connection → ApiError (auth_failed / source_failed). */
  fail(err: unknown, action: string): Error;
}

function required(fields: SalesforceFields): void {
  const has = (name: keyof SalesforceFields): boolean => Boolean(fields[name]);
  const absent: string[] = [];
  if (fields.auth === 'password') absent.push(...(['username', 'password'] as const).filter((n) => !has(n)));
  if (fields.auth === 'token') absent.push(...(['instanceUrl', 'accessToken'] as const).filter((n) => !has(n)));
  if (fields.auth === 'oauth') {
    if (!has('clientId')) absent.push('clientId');
    // Without a refresh token the access token (and where it lives) must be there.
    if (!has('refreshToken') && !(has('accessToken') && has('instanceUrl'))) absent.push('refreshToken (or accessToken and instanceUrl)');
  }
  if (absent.length > 0) {
    throw new ApiError('invalid_input', `A Salesforce ${fields.auth} connection needs ${absent.join(' and ')}`);
  }
}

export function createSalesforceSession(fields: SalesforceFields, deps: { saveSecrets: SaveSecrets }): SalesforceSession {
  required(fields);
  const version = fields.apiVersion;
  const loginUrl = fields.loginUrl.replace(/\/+$/, '');
  let refreshToken = fields.refreshToken;
  const secrets: Array<string | undefined> = [
    fields.password, fields.securityToken, fields.accessToken, fields.refreshToken, fields.clientSecret,
    fields.password && fields.securityToken ? fields.password + fields.securityToken : undefined,
  ];
  let instanceUrl = fields.instanceUrl?.replace(/\/+$/, '');
  let opening: Promise<Connection> | null = null;
  let refreshFailure: Error | null = null;
  const refreshedAt: number[] = [];

  const context = (phase: SalesforcePhase, action: string, url = instanceUrl ?? loginUrl): ErrorContext => ({ phase, action, url, secrets });
  const oauth2 = (): OAuth2 => new OAuth2({
    loginUrl, clientId: fields.clientId, clientSecret: fields.clientSecret, httpProxy: proxyFor(loginUrl),
  });

  async function passwordLogin(): Promise<Tokens> {
    const withSecret = Boolean(fields.clientId && fields.clientSecret);
    const conn = new Connection({ loginUrl, version, httpProxy: proxyFor(loginUrl), ...(withSecret ? { oauth2: oauth2() } : {}) });
    try {
      // SOAP login, or the OAuth password grant when the connected app's id and secret are given;
      // both take the security token appended to the password.
      await conn.login(fields.username!, fields.password! + (fields.securityToken ?? ''));
    } catch (err) {
      throw toSalesforceError(err, context('login', 'sign in', loginUrl));
    }
    secrets.push(conn.accessToken ?? undefined);
    return { accessToken: conn.accessToken!, instanceUrl: conn.instanceUrl };
  }

  async function tokenRefresh(): Promise<Tokens> {
    let res;
    try {
      res = await oauth2().refreshToken(refreshToken!);
    } catch (err) {
      throw toSalesforceError(err, context('refresh', 'refresh the session', loginUrl));
    }
    secrets.push(res.access_token, res.refresh_token);
    const rotated = res.refresh_token && res.refresh_token !== refreshToken ? res.refresh_token : undefined;
    if (rotated) refreshToken = rotated;
    await deps.saveSecrets({ accessToken: res.access_token, ...(rotated ? { refreshToken: rotated } : {}) });
    // Salesforce repeats the instance URL on a refresh; keep the one we have if it ever doesn't.
    return { accessToken: res.access_token, instanceUrl: res.instance_url ?? instanceUrl ?? loginUrl };
  }

  const canRefresh = fields.auth === 'password' || Boolean(refreshToken && fields.clientId);
  const renew = fields.auth === 'password' ? passwordLogin : tokenRefresh;

  function refreshFn(conn: Connection, callback: (err: Error | null | undefined, token?: string) => void): void {
    const now = Date.now();
    while (refreshedAt.length > 0 && refreshedAt[0]! < now - REFRESH_WINDOW_MS) refreshedAt.shift();
    if (refreshedAt.length >= MAX_REFRESHES) {
      refreshFailure = new ApiError('auth_failed', 'Salesforce refused the access token again right after refreshing it (INVALID_SESSION_ID)');
      callback(refreshFailure);
      return;
    }
    refreshedAt.push(now);
    renew().then(
      (tokens) => {
        refreshFailure = null;
        instanceUrl = tokens.instanceUrl.replace(/\/+$/, '');
        conn.instanceUrl = instanceUrl;
        callback(null, tokens.accessToken);
      },
      (err: Error) => {
        // jsforce rethrows it as "Unable to refresh session due to: …", losing its kind.
        refreshFailure = err;
        callback(err);
      },
    );
  }

  async function open(): Promise<Connection> {
    let tokens: Tokens;
    if (fields.auth === 'password') tokens = await passwordLogin();
    else if (fields.accessToken && instanceUrl) tokens = { accessToken: fields.accessToken, instanceUrl };
    else tokens = await tokenRefresh();
    instanceUrl = tokens.instanceUrl.replace(/\/+$/, '');
    try {
      return new Connection({
        instanceUrl,
        accessToken: tokens.accessToken,
        version,
        httpProxy: proxyFor(instanceUrl),
        ...(canRefresh ? { refreshFn } : {}),
      });
    } catch (err) {
      throw toSalesforceError(err, context('call', 'connect'));
    }
  }

  return {
    connection() {
      opening ??= open().catch((err: unknown) => {
        opening = null;
        throw err;
      });
      return opening;
    },
    fail(err, action) {
      if (refreshFailure && err instanceof Error && err.message.startsWith('Unable to refresh session')) return refreshFailure;
      return toSalesforceError(err, context('call', action));
    },
  };
}
