/**
 * A connection form's fields: which ones each sign-in method needs, and what the form sends.
 * Secrets are write-only: the form never has the saved ones, sends a secret only when typed,
 * and an empty secret field keeps the saved value (contract: `connections.save`).
 */
import { SECRET_FIELDS, type ConnectionInfo, type ConnectionKind, type SecretField } from '../../../../../common/attributes';

export const LOGIN_URLS = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
} as const;
export type LoginChoice = keyof typeof LOGIN_URLS | 'mydomain';

export type Values = Record<string, string>;

export const SALESFORCE_AUTH = [
  { value: 'password', label: 'Username and password' },
  { value: 'token', label: 'Access token' },
  { value: 'oauth', label: 'Sign in (OAuth)' },
] as const;

export const SNOWFLAKE_AUTH = [
  { value: 'password', label: 'Password' },
  { value: 'keypair', label: 'Key pair' },
  { value: 'pat', label: 'Access token' },
  { value: 'sso', label: 'Browser SSO' },
] as const;

/** How the forms name each secret. */
export const SECRET_LABELS: Record<SecretField, string> = {
  password: 'Password',
  securityToken: 'Security token',
  accessToken: 'Access token',
  refreshToken: 'Refresh token',
  clientSecret: 'Consumer secret',
  privateKeyPass: 'Key passphrase',
  token: 'Access token',
};

/** "Username and password", "Key pair"…: a sign-in method as the form names it. */
export function authLabel(kind: ConnectionKind, auth: string | undefined): string {
  const methods: ReadonlyArray<{ value: string; label: string }> = kind === 'salesforce' ? SALESFORCE_AUTH : SNOWFLAKE_AUTH;
  return methods.find((m) => m.value === auth)?.label ?? auth ?? '';
}

/** The fields a connection of this kind must have with this sign-in method; secrets among them may be saved already. */
export function requiredFields(kind: ConnectionKind, auth: string): string[] {
  if (kind === 'salesforce') {
    if (auth === 'password') return ['loginUrl', 'username', 'password'];
    if (auth === 'token') return ['instanceUrl', 'accessToken'];
    return ['loginUrl', 'clientId'];
  }
  const base = ['account', 'username'];
  if (auth === 'password') return [...base, 'password'];
  if (auth === 'keypair') return [...base, 'privateKeyPath'];
  if (auth === 'pat') return [...base, 'token'];
  return base;
}

/** The fields shown (and sent) for a sign-in method; others typed before switching are dropped. */
export function shownFields(kind: ConnectionKind, auth: string): string[] {
  if (kind === 'salesforce') {
    const byAuth: Record<string, string[]> = {
      password: ['loginUrl', 'username', 'password', 'securityToken', 'clientId', 'clientSecret'],
      token: ['instanceUrl', 'accessToken'],
      oauth: ['loginUrl', 'clientId', 'clientSecret'],
    };
    return ['auth', 'apiVersion', ...(byAuth[auth] ?? [])];
  }
  const byAuth: Record<string, string[]> = {
    password: ['password'],
    keypair: ['privateKeyPath', 'privateKeyPass'],
    pat: ['token'],
    sso: [],
  };
  return ['auth', 'account', 'accessUrl', 'username', 'warehouse', 'role', 'database', 'schema', ...(byAuth[auth] ?? [])];
}

export const isSecret = (field: string): field is SecretField => (SECRET_FIELDS as readonly string[]).includes(field);

/** The form's starting values: a saved connection's fields (never its secrets), or the defaults. */
export function initialValues(kind: ConnectionKind, saved: ConnectionInfo | null): Values {
  if (saved) return { ...saved.fields };
  return kind === 'salesforce' ? { auth: 'password', loginUrl: LOGIN_URLS.production, apiVersion: '62.0' } : { auth: 'password' };
}

export function loginChoice(loginUrl: string | undefined): LoginChoice {
  const url = (loginUrl ?? '').replace(/\/+$/, '');
  if (url === '' || url === LOGIN_URLS.production) return 'production';
  if (url === LOGIN_URLS.sandbox) return 'sandbox';
  return 'mydomain';
}

/**
 * What is missing before saving, by field (a secret saved before counts as there), or an empty
 * object when the form can be saved.
 */
export function missingFields(kind: ConnectionKind, values: Values, savedSecrets: readonly string[]): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const field of requiredFields(kind, values.auth ?? '')) {
    const present = (values[field] ?? '').trim() !== '' || (isSecret(field) && savedSecrets.includes(field));
    if (!present) missing[field] = 'Required';
  }
  for (const field of ['loginUrl', 'instanceUrl', 'accessUrl']) {
    const value = (values[field] ?? '').trim();
    if (value !== '' && !/^https?:\/\/[^/\s]+/i.test(value)) missing[field] = 'An http(s) URL, like https://acme.my.salesforce.com';
  }
  return missing;
}

/** The `fields` to send: shown fields that are filled in; secrets only when typed. */
export function payload(kind: ConnectionKind, values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of shownFields(kind, values.auth ?? '')) {
    const value = values[field] ?? '';
    if (isSecret(field)) {
      if (value !== '') out[field] = value;
    } else if (value.trim() !== '') {
      out[field] = value.trim();
    }
  }
  return out;
}
