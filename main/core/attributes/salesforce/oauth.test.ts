import { describe, expect, it } from 'vitest';
import { codeChallenge, startSalesforceOAuth } from './oauth';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('starts at the login URL\'s authorize endpoint (a My Domain or sandbox too) with a fresh state and verifier each time', () => {
    const starts = Array.from({ length: 20 }, () => startSalesforceOAuth({
      loginUrl: 'https://acme.my.salesforce.com/', clientId: '3MVG9abc', redirectUri: 'http://127.0.0.1:4567/oauth/callback',
    }));
    const url = new URL(starts[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(url.searchParams.get('code_challenge')).toBe(codeChallenge(starts[0]!.verifier));
    expect(new Set(starts.map((s) => s.state)).size).toBe(20);
    expect(new Set(starts.map((s) => s.verifier)).size).toBe(20);
    for (const s of starts) {
      expect(s.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(s.state.length).toBeGreaterThanOrEqual(32);
    }
  });
});
