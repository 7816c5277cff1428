/** Shared by the Salesforce connector tests: fields for each auth against a test server, and error capture. */
import { expect } from 'vitest';
import type { SalesforceFields } from '../../common/attributes';
import { ApiError } from '../../main/core/dispatcher';
import { configureSalesforceHttp } from '../../main/core/attributes/salesforce';
import type { SalesforceTestServer } from '../servers/salesforce';

// jsforce would retry a refused connection or a 5xx for ~15 s; the tests want the first answer.
configureSalesforceHttp({ maxRetries: 0 });

export function passwordFields(sf: SalesforceTestServer, extra: Partial<SalesforceFields> = {}): SalesforceFields {
  return {
    loginUrl: sf.url,
    auth: 'password',
    username: sf.user.username,
    password: sf.user.password,
    securityToken: sf.user.securityToken,
    apiVersion: '61.0',
    ...extra,
  };
}

export function tokenFields(sf: SalesforceTestServer, extra: Partial<SalesforceFields> = {}): SalesforceFields {
  return { loginUrl: sf.url, auth: 'token', instanceUrl: sf.url, accessToken: sf.issueAccessToken(), apiVersion: '61.0', ...extra };
}

export function oauthFields(sf: SalesforceTestServer, extra: Partial<SalesforceFields> = {}): SalesforceFields {
  return {
    loginUrl: sf.url,
    auth: 'oauth',
    instanceUrl: sf.url,
    accessToken: sf.issueAccessToken(),
    refreshToken: sf.issueRefreshToken(),
    clientId: sf.clientId,
    apiVersion: '61.0',
    ...extra,
  };
}

/** The ApiError `work` rejects with (failing the test on success or on another error). */
export async function apiErrorOf(work: Promise<unknown>): Promise<ApiError> {
  const err = await work.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** Every secret value of `fields` (and any extra), none of which may appear in a message. */
export function expectNoSecret(message: string, fields: SalesforceFields, extra: string[] = []): void {
  for (const value of [fields.password, fields.securityToken, fields.accessToken, fields.refreshToken, fields.clientSecret, ...extra]) {
    if (value) expect(message).not.toContain(value);
  }
}

export async function collect<T>(rows: AsyncIterable<T[]>): Promise<{ rows: T[]; batches: number }> {
  const out: T[] = [];
  let batches = 0;
  for await (const batch of rows) {
    batches++;
    out.push(...batch);
  }
  return { rows: out, batches };
}
