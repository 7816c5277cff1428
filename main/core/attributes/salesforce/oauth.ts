/**
 * The OAuth 2.0 web-server flow with PKCE (RFC 7636) for a Salesforce connected app. The core
 * keeps `verifier` per `state` between the two calls; the app window or browser shows `url`,
 * Salesforce redirects to `redirectUri?code=…&state=…`, and `finishSalesforceOAuth` trades the
 * code for tokens and asks who signed in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { toSalesforceError } from './errors';
import { proxyFor } from './http';

export interface SalesforceOAuthStart {
  /** The authorization page to open. */
  url: string;
  /** Random; comes back on the redirect and names the pending login. */
  state: string;
  /** The PKCE code verifier: keep it (never send it to a client), pass it to finishSalesforceOAuth. */
  verifier: string;
}

export interface SalesforceOAuthTokens {
  accessToken: string;
  /** Absent when the connected app does not grant the refresh_token scope. */
  refreshToken?: string;
  instanceUrl: string;
  /** The username that signed in ("connected as …"). */
  identity: string;
}

/** S256: base64url(sha256(verifier)). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function oauth2(loginUrl: string, clientId: string, redirectUri: string, clientSecret?: string): OAuth2 {
  const url = loginUrl.replace(/\/+$/, '');
  return new OAuth2({ loginUrl: url, clientId, clientSecret, redirectUri, httpProxy: proxyFor(url) });
}

export function startSalesforceOAuth(input: { loginUrl: string; clientId: string; redirectUri: string }): SalesforceOAuthStart {
  // 64 random bytes → an 86-character verifier, inside RFC 7636's 43–128.
  const verifier = randomBytes(64).toString('base64url');
  const state = randomBytes(24).toString('base64url');
  // Salesforce takes the challenge as S256 (it supports no other method).
  const url = oauth2(input.loginUrl, input.clientId, input.redirectUri).getAuthorizationUrl({
    state,
    code_challenge: codeChallenge(verifier),
  });
  return { url, state, verifier };
}

export async function finishSalesforceOAuth(input: {
  loginUrl: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  code: string;
  verifier: string;
  apiVersion: string;
}): Promise<SalesforceOAuthTokens> {
  const secrets = [input.code, input.verifier, input.clientSecret];
  let res;
  try {
    res = await oauth2(input.loginUrl, input.clientId, input.redirectUri, input.clientSecret)
      .requestToken(input.code, { code_verifier: input.verifier });
  } catch (err) {
    throw toSalesforceError(err, { phase: 'authorize', action: 'finish the sign-in', url: input.loginUrl, secrets });
  }
  secrets.push(res.access_token, res.refresh_token);
  const instanceUrl = res.instance_url.replace(/\/+$/, '');
  const conn = new Connection({ instanceUrl, accessToken: res.access_token, version: input.apiVersion, httpProxy: proxyFor(instanceUrl) });
  let identity: string;
  try {
    identity = (await conn.identity()).username;
  } catch (err) {
    throw toSalesforceError(err, { phase: 'call', action: 'check who signed in', url: instanceUrl, secrets });
  }
  return {
    accessToken: res.access_token,
    ...(res.refresh_token ? { refreshToken: res.refresh_token } : {}),
    instanceUrl,
    identity,
  };
}
