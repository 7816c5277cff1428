/**
 * The OAuth 2.0 web-server flow with PKCE against the test server: the authorization URL, the
 * redirect with code and state, the code traded for tokens with the verifier, the tokens then
 * used by a connector; a wrong verifier or a reused code refused naming the code.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSalesforceOAuth, openSalesforce, startSalesforceOAuth } from '../../main/core/attributes/salesforce';
import { contactObject, makeContacts, startSalesforceServer, type SalesforceTestServer } from '../servers/salesforce';
import { apiErrorOf } from './salesforce-support';

const REDIRECT = 'http://127.0.0.1:1/oauth/salesforce/callback';
let sf: SalesforceTestServer;

beforeAll(async () => {
  sf = await startSalesforceServer({ objects: [contactObject(makeContacts(5))] });
});
afterAll(async () => {
  await sf.close();
});

/** What the app window does: open the authorization page and catch the redirect. */
async function authorize(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('Salesforce OAuth with PKCE', () => {
  it('builds the authorization URL with an S256 challenge and a random state', () => {
    const a = startSalesforceOAuth({ loginUrl: `${sf.url}/`, clientId: sf.clientId, redirectUri: REDIRECT });
    const b = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
    const url = new URL(a.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${sf.url}/services/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: sf.clientId,
      redirect_uri: REDIRECT,
      state: a.state,
      code_challenge: createHash('sha256').update(a.verifier).digest('base64url'),
    });
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.state).not.toBe(b.state);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.url).not.toContain(a.verifier);
  });

  it('trades the code and verifier for tokens that a connector then uses, refreshing them', async () => {
    const start = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
    const back = await authorize(start.url);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe(start.state);
    const code = back.searchParams.get('code')!;

    const tokens = await finishSalesforceOAuth({
      loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT, code, verifier: start.verifier, apiVersion: '62.0',
    });
    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^00D/) as string,
      refreshToken: expect.any(String) as string,
      instanceUrl: sf.url,
      identity: sf.user.username,
    });

    const saved: Array<Record<string, string>> = [];
    const connector = openSalesforce(
      { loginUrl: sf.url, auth: 'oauth', clientId: sf.clientId, apiVersion: '62.0', ...tokens },
      { saveSecrets: (s) => void saved.push(s) },
    );
    sf.expireAccessTokens();
    expect((await connector.tables()).map((t) => t.name)).toEqual(['Contact']);
    expect(saved).toHaveLength(1);
    expect(sf.stats.apiVersions).toContain('62.0');
  });

  it('sends the client secret when the connected app has one', async () => {
    const start = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
    const code = (await authorize(start.url)).searchParams.get('code')!;
    const input = { loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT, code, verifier: start.verifier, apiVersion: '62.0' };
    const err = await apiErrorOf(finishSalesforceOAuth({ ...input, clientSecret: 'not-the-client-secret' }));
    expect(err).toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the client secret (invalid_client)' });
  });

  it('refuses a wrong verifier and a code used twice, naming the authorization code and no secret', async () => {
    const start = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
    const code = (await authorize(start.url)).searchParams.get('code')!;
    const other = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
    const input = { loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret, redirectUri: REDIRECT, code, apiVersion: '62.0' };
    const wrong = await apiErrorOf(finishSalesforceOAuth({ ...input, verifier: other.verifier }));
    expect(wrong).toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the authorization code (invalid_grant)' });
    for (const secret of [code, other.verifier, sf.clientSecret]) expect(wrong.message).not.toContain(secret);
    // A refused exchange used the code up, as Salesforce does.
    const again = await apiErrorOf(finishSalesforceOAuth({ ...input, verifier: start.verifier }));
    expect(again.code).toBe('auth_failed');
  });

  it('the test server sends a denial back to the redirect URI', async () => {
    sf.authorizeAs(null);
    try {
      const start = startSalesforceOAuth({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT });
      const back = await authorize(start.url);
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('state')).toBe(start.state);
      expect(back.searchParams.get('code')).toBeNull();
    } finally {
      sf.authorizeAs(sf.user.username);
    }
  });
});
