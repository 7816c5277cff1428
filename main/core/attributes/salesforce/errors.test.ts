/**
 * Error shapes as jsforce 3.10.16 throws them (the integration tests meet the real ones): HttpApiError
 * (name = errorCode), OAuth errors (name = the OAuth error), SOAP faults (plain Error), node-fetch's FetchError.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { CancelledError } from '../../jobs/cancelled';
import { oneLine, redact, toSalesforceError, type ErrorContext } from './errors';

const SECRET = '00D000000000001!AQ8AQFakeAccessTokenValue1234567890';
const ctx = (phase: ErrorContext['phase'] = 'call'): ErrorContext => ({
  phase, action: 'read Contact', url: 'https://acme.my.salesforce.com/services/data', secrets: [SECRET, 'hunter22'],
});
const error = (message: string, props: Record<string, unknown> = {}): Error => Object.assign(new Error(message), props);
const apiError = (err: unknown, c = ctx()): ApiError => {
  const out = toSalesforceError(err, c);
  expect(out).toBeInstanceOf(ApiError);
  return out as ApiError;
};

describe('toSalesforceError', () => {
  it('names the refused credential by phase', () => {
    expect(apiError(error('INVALID_LOGIN: Invalid username, password, security token; or user locked out.'), ctx('login')))
      .toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the username or password (INVALID_LOGIN)' });
    expect(apiError(error('authentication failure', { name: 'invalid_grant' }), ctx('login')).message)
      .toBe('Salesforce refused the username or password (invalid_grant)');
    expect(apiError(error('expired access/refresh token', { name: 'invalid_grant' }), ctx('refresh')).message)
      .toBe('Salesforce refused the refresh token (invalid_grant)');
    expect(apiError(error('invalid authorization code', { name: 'invalid_grant' }), ctx('authorize')).message)
      .toBe('Salesforce refused the authorization code (invalid_grant)');
    expect(apiError(error('client identifier invalid', { name: 'invalid_client_id' }), ctx('refresh')))
      .toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the client id (invalid_client_id)' });
    expect(apiError(error('Session expired or invalid', { name: 'INVALID_SESSION_ID', errorCode: 'INVALID_SESSION_ID' })))
      .toMatchObject({ code: 'auth_failed', message: 'Salesforce refused the access token (INVALID_SESSION_ID)' });
  });

  it('keeps the explanation of a query error on one line', () => {
    const message = "\nSELECT Email, Bogus__c FROM Contact\n              ^\nERROR at Row:1:Column:15\nNo such column 'Bogus__c' on entity 'Contact'.";
    expect(apiError(error(message, { name: 'INVALID_FIELD', errorCode: 'INVALID_FIELD' })))
      .toMatchObject({ code: 'source_failed', message: "Salesforce could not read Contact: No such column 'Bogus__c' on entity 'Contact'. (INVALID_FIELD)" });
    expect(apiError(error("unexpected token: 'FROM'", { name: 'MALFORMED_QUERY', errorCode: 'MALFORMED_QUERY' })).message)
      .toBe("Salesforce could not read Contact: unexpected token: 'FROM' (MALFORMED_QUERY)");
    expect(apiError(error('TotalRequests Limit exceeded.', { errorCode: 'REQUEST_LIMIT_EXCEEDED' })).code).toBe('source_failed');
  });

  it('names the server that did not answer, never the URL it was asked (identity URLs carry the token)', () => {
    const refused = error(`request to https://acme.my.salesforce.com/id/00D/005?format=json&oauth_token=${SECRET} failed, reason: connect ECONNREFUSED 10.0.0.1:443`,
      { name: 'FetchError', code: 'ECONNREFUSED', type: 'system' });
    expect(apiError(refused)).toMatchObject({ code: 'source_failed', message: 'Salesforce at https://acme.my.salesforce.com did not answer (connection refused)' });
    expect(apiError(error('request to https://x.example/services failed, reason: socket hang up', { name: 'FetchError', code: 'ECONNRESET' })).message)
      .toBe('Salesforce at https://x.example did not answer (connection reset)');
    expect(apiError(error('getaddrinfo ENOTFOUND nowhere.invalid', { code: 'ENOTFOUND' })).message)
      .toBe('Salesforce at https://acme.my.salesforce.com did not answer (host not found)');
  });

  it('reports HTML error pages by their status', () => {
    expect(apiError(error('<html>…</html>', { errorCode: 'ERROR_HTTP_503' })).message)
      .toBe('Salesforce at https://acme.my.salesforce.com answered HTTP 503 when asked to read Contact');
  });

  it('says when the login URL is not a Salesforce server', () => {
    expect(apiError(error('<!DOCTYPE html><html><body>Not Found</body></html>'), ctx('login')))
      .toMatchObject({ code: 'source_failed', message: 'https://acme.my.salesforce.com did not answer like Salesforce when asked to read Contact: check the URL' });
    expect(apiError(error('could not extract session information from login response'), ctx('login')).message).toMatch(/check the URL$/);
  });

  it('passes ApiError and CancelledError through', () => {
    const own = new ApiError('invalid_input', 'x');
    expect(toSalesforceError(own, ctx())).toBe(own);
    const cancelled = new CancelledError();
    expect(toSalesforceError(cancelled, ctx())).toBe(cancelled);
  });

  it('never repeats a secret', () => {
    const odd = apiError(error(`Something odd with ${SECRET} and hunter22 and Bearer abc.def and access_token=zzz`));
    expect(odd.code).toBe('source_failed');
    for (const s of [SECRET, 'hunter22', 'abc.def', 'zzz']) expect(odd.message).not.toContain(s);
  });
});

describe('redact and oneLine', () => {
  it('scrubs secrets and token-shaped values', () => {
    expect(redact(`a ${SECRET} b`, [SECRET])).toBe('a ••• b');
    expect(redact('x?oauth_token=abc&format=json', [])).toBe('x?oauth_token=•••&format=json');
    expect(redact('sid 00DAB0000000001!ARQAQLongSessionIdLooksLikeThis123', [])).toBe('sid •••');
    expect(redact('short', ['ab'])).toBe('short');
  });

  it('joins lines and shortens', () => {
    expect(oneLine('a\n  b \n\nc')).toBe('a b c');
    expect(oneLine('x'.repeat(300))).toHaveLength(240);
  });
});
