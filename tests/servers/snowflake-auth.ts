/**
 * Who may log in to the Snowflake test server, and how each way of logging in is checked:
 * a password; a key pair (the JWT's RS256 signature verified against the user's public key,
 * its issuer naming that key's SHA-256 fingerprint, not expired); a programmatic access token;
 * external-browser SSO (a token the server's /console/login handed out for that proof key).
 */
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';

export interface SnowflakeUser {
  name: string;
  password?: string;
  /** PEM of the public key registered for key-pair login. */
  publicKey?: string;
  /** Programmatic access token. */
  pat?: string;
  /** May log in through the browser. */
  sso?: boolean;
  /** The user's default role. */
  role?: string;
}

export interface LoginData {
  ACCOUNT_NAME?: string;
  LOGIN_NAME?: string;
  PASSWORD?: string;
  TOKEN?: string;
  PROOF_KEY?: string;
  AUTHENTICATOR?: string;
}

export interface LoginRefusal {
  code: string;
  message: string;
}

function base64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function fingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

/** Why a JWT doesn't prove the user holds the registered key, or null when it does. */
export function jwtProblem(token: string, account: string, user: SnowflakeUser, now = Date.now()): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  let header: { alg?: string };
  let payload: { iss?: string; sub?: string; exp?: number };
  try {
    header = JSON.parse(base64url(parts[0]!).toString('utf8')) as typeof header;
    payload = JSON.parse(base64url(parts[1]!).toString('utf8')) as typeof payload;
  } catch {
    return 'not a JWT';
  }
  if (header.alg !== 'RS256') return `alg ${header.alg}`;
  if (!user.publicKey) return 'no public key registered';
  const signed = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), user.publicKey, base64url(parts[2]!));
  if (!signed) return 'bad signature';
  const subject = `${account.toUpperCase()}.${user.name.toUpperCase()}`;
  if (payload.sub !== subject) return `sub ${payload.sub}`;
  if (payload.iss !== `${subject}.${fingerprint(user.publicKey)}`) return `iss ${payload.iss}`;
  // snowflake-sdk writes exp in ms; a real JWT has seconds. Accept both, refuse the expired.
  const exp = typeof payload.exp === 'number' ? (payload.exp > 1e12 ? payload.exp : payload.exp * 1000) : 0;
  if (exp < now) return 'expired';
  return null;
}

export class SsoTokens {
  private readonly issued = new Map<string, { user: string; proofKey: string }>();

  issue(user: string, proofKey: string): string {
    const token = `sso-${randomBytes(12).toString('hex')}`;
    this.issued.set(token, { user, proofKey });
    return token;
  }

  /** A token is good once, for the user and proof key it was issued to. */
  redeem(token: string | undefined, user: string, proofKey: string | undefined): boolean {
    const t = token ? this.issued.get(token) : undefined;
    if (!t || !token) return false;
    this.issued.delete(token);
    return t.user === user && t.proofKey === proofKey;
  }
}

/** Checks a login-request; returns the user or why it is refused (Snowflake's codes). */
export function checkLogin(
  data: LoginData,
  account: string,
  users: SnowflakeUser[],
  sso: SsoTokens,
): { user: SnowflakeUser } | { refused: LoginRefusal } {
  const loginName = (data.LOGIN_NAME ?? '').toUpperCase();
  const user = users.find((u) => u.name.toUpperCase() === loginName);
  const authenticator = (data.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  switch (authenticator) {
    case 'SNOWFLAKE':
      if (user?.password !== undefined && data.PASSWORD === user.password) return { user };
      return { refused: { code: '390100', message: 'Incorrect username or password was specified.' } };
    case 'SNOWFLAKE_JWT':
      if (user && data.TOKEN && jwtProblem(data.TOKEN, data.ACCOUNT_NAME ?? account, user) === null) return { user };
      return { refused: { code: '390144', message: 'JWT token is invalid.' } };
    case 'PROGRAMMATIC_ACCESS_TOKEN':
      if (user?.pat !== undefined && data.TOKEN === user.pat) return { user };
      return { refused: { code: '394400', message: 'Programmatic access token is invalid.' } };
    case 'EXTERNALBROWSER':
      if (user?.sso && sso.redeem(data.TOKEN, user.name, data.PROOF_KEY)) return { user };
      return { refused: { code: '390190', message: 'The single sign-on token is invalid or expired.' } };
    default:
      return { refused: { code: '390100', message: `Authenticator ${authenticator} is not enabled for this account.` } };
  }
}
