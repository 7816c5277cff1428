/**
 * jsforce's errors → the core's ApiError: `auth_failed` naming the credential Salesforce
 * refused, `source_failed` with one human line for everything else. Messages never carry a
 * secret: jsforce puts the access token in identity URLs and node-fetch puts URLs in its
 * messages, so every message is scrubbed of the connection's secrets and token-like parameters.
 */
import { ApiError } from '../../dispatcher';
import { isCancelled } from '../../jobs/cancelled';

/** What we were doing when it failed: decides which credential a refusal names. */
export type SalesforcePhase = 'login' | 'refresh' | 'authorize' | 'call';

export interface ErrorContext {
  phase: SalesforcePhase;
  /** Completes "Salesforce could not …" ("read Contact", "list the objects"). */
  action: string;
  /** The server we were talking to (its origin is named when it does not answer). */
  url: string;
  /** Values that must never appear in a message. */
  secrets: Array<string | undefined>;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errorCode?: unknown;
  type?: unknown;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  EHOSTDOWN: 'host down',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
};

/** Remove secrets and anything shaped like a token parameter or header. */
export function redact(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('•••');
  }
  return out
    .replace(/((?:oauth_token|access_token|refresh_token|sessionId|code_verifier|client_secret|password)=)[^&\s"']+/gi, '$1•••')
    .replace(/(Bearer\s+)[^\s"']+/gi, '$1•••')
    .replace(/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g, '•••');
}

/** Salesforce's query errors quote the statement over several lines; keep the explanation. */
export function oneLine(message: string, max = 240): string {
  const lines = message.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const at = lines.findIndex((l) => /^ERROR at Row:/i.test(l));
  const text = (at >= 0 && at < lines.length - 1 ? lines.slice(at + 1) : lines).join(' ').replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}

function networkError(e: ErrorLike, message: string, ctx: ErrorContext): ApiError | null {
  const code = typeof e.code === 'string' ? e.code : '';
  const isFetch = e.name === 'FetchError' || e.name === 'AbortError';
  if (!isFetch && !(code in NETWORK_REASONS)) return null;
  const url = /request to (\S+) failed/.exec(message)?.[1] ?? ctx.url;
  let reason = NETWORK_REASONS[code];
  if (!reason) {
    if (/timeout/i.test(message)) reason = 'timed out';
    else if (/socket hang up|premature close|aborted|ECONNRESET/i.test(message)) reason = 'connection reset';
    else reason = 'network error';
  }
  return new ApiError('source_failed', `Salesforce at ${origin(url)} did not answer (${reason})`);
}

/** OAuth error names (`invalid_grant`) by phase: which credential the refusal is about. */
function oauthError(name: string, ctx: ErrorContext): ApiError {
  const what: Record<string, string> = {
    invalid_client_id: 'the client id',
    invalid_client: 'the client secret',
    invalid_grant: {
      login: 'the username or password',
      refresh: 'the refresh token',
      authorize: 'the authorization code',
      call: 'the credentials',
    }[ctx.phase],
    inactive_user: 'the user (inactive)',
    inactive_org: 'the organization (inactive)',
    invalid_request: 'the sign-in request',
    unsupported_grant_type: 'the sign-in method',
    redirect_uri_mismatch: 'the redirect URI',
  };
  const credential = what[name];
  if (credential) return new ApiError('auth_failed', `Salesforce refused ${credential} (${name})`);
  return new ApiError('source_failed', `Salesforce could not ${ctx.action}: sign-in failed (${name})`);
}

/** A SOAP login fault: jsforce throws `Error("INVALID_LOGIN: Invalid username, …")`. */
function soapFault(code: string): ApiError {
  if (code === 'INVALID_LOGIN') return new ApiError('auth_failed', 'Salesforce refused the username or password (INVALID_LOGIN)');
  if (code === 'LOGIN_MUST_USE_SECURITY_TOKEN') {
    return new ApiError('auth_failed', 'Salesforce refused the password without a security token (LOGIN_MUST_USE_SECURITY_TOKEN)');
  }
  return new ApiError('auth_failed', `Salesforce refused the login (${code})`);
}

export function toSalesforceError(err: unknown, ctx: ErrorContext): Error {
  if (err instanceof ApiError || isCancelled(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const message = redact(typeof e.message === 'string' ? e.message : String(err), ctx.secrets);
  const name = typeof e.name === 'string' ? e.name : '';
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : '';

  const network = networkError(e, message, ctx);
  if (network) return network;
  if (/^[a-z]+(?:_[a-z]+)+$/.test(name)) return oauthError(name, ctx);
  const fault = /^([A-Z][A-Z_]+): /.exec(message);
  if (ctx.phase === 'login' && fault?.[1]) return soapFault(fault[1]);
  if (errorCode === 'INVALID_SESSION_ID' || errorCode === 'INVALID_AUTH_HEADER') {
    return new ApiError('auth_failed', `Salesforce refused the access token (${errorCode})`);
  }
  const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode || name);
  if (http) return new ApiError('source_failed', `Salesforce at ${origin(ctx.url)} answered HTTP ${http[1]} when asked to ${ctx.action}`);
  if (errorCode) {
    // Salesforce repeats the code at the start of some messages.
    const detail = oneLine(message.replace(new RegExp(`^${errorCode}:\\s*`), ''));
    return new ApiError('source_failed', `Salesforce could not ${ctx.action}: ${detail} (${errorCode})`);
  }
  // A login URL that is some other web server: jsforce throws its page, or finds no session in it.
  if (/^\s*</.test(message) || /could not extract session information/.test(message)) {
    return new ApiError('source_failed', `${origin(ctx.url)} did not answer like Salesforce when asked to ${ctx.action}: check the URL`);
  }
  if (/lightning URLs are not valid/i.test(message)) {
    return new ApiError('invalid_input', 'The instance URL must be the *.my.salesforce.com address, not a *.lightning.force.com one');
  }
  return new ApiError('source_failed', `Salesforce could not ${ctx.action}: ${oneLine(message)}`);
}
