/**
 * Custom attributes: connections, sources and their syncs as they cross the API
 * (ARCHITECTURE.md §10). A source reads one table (a CSV file, a Salesforce object, a Snowflake
 * table or view), joins its rows to profiles on one column, and imports some of its columns as
 * attributes of those profiles.
 */
import { z } from 'zod';

/** The type a custom attribute's values keep in the store and in every output. */
export const VALUE_TYPES = ['text', 'number', 'boolean', 'time'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const SOURCE_KINDS = ['csv', 'salesforce', 'snowflake'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type ConnectionKind = Exclude<SourceKind, 'csv'>;

/** Lower snake case, starting with a letter: the name an attribute has in queries, columns and JSON. */
export const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A connection's fields, flat, as the CLI's SOURCE.json spells them. The keys in SECRET_FIELDS
 * are secrets: encrypted at rest, never returned to a client, never logged.
 */
export const SECRET_FIELDS = [
  'password',
  'securityToken',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'privateKeyPass',
  'token',
] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

const text = z.string().trim().min(1).max(2000);
const secret = z.string().min(1).max(20_000);
const url = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\/[^/\s]+/i.test(u), 'must be an http(s) URL');

export const salesforceFields = z.object({
  /** https://login.salesforce.com, https://test.salesforce.com (sandbox) or a My Domain URL. */
  loginUrl: url.default('https://login.salesforce.com'),
  /** password: username + password + security token; token: access token + instance URL; oauth: web-server flow with PKCE. */
  auth: z.enum(['password', 'token', 'oauth']),
  username: text.optional(),
  password: secret.optional(),
  securityToken: z.string().max(200).optional(),
  instanceUrl: url.optional(),
  accessToken: secret.optional(),
  refreshToken: secret.optional(),
  /** The connected app's consumer key (OAuth) and, when it has one, its secret. */
  clientId: text.optional(),
  clientSecret: secret.optional(),
  apiVersion: z.string().regex(/^\d{2,3}\.\d$/, 'like "62.0"').default('62.0'),
});
export type SalesforceFields = z.output<typeof salesforceFields>;

export const snowflakeFields = z.object({
  /** The account identifier (`orgname-account` or a locator). */
  account: text,
  /** Overrides the host the account's URL is built from (a proxy, a private link). */
  accessUrl: url.optional(),
  username: text,
  /** password; keypair: SNOWFLAKE_JWT with a private key file; pat: programmatic access token; sso: external browser. */
  auth: z.enum(['password', 'keypair', 'pat', 'sso']),
  password: secret.optional(),
  privateKeyPath: text.optional(),
  privateKeyPass: secret.optional(),
  token: secret.optional(),
  warehouse: text.optional(),
  role: text.optional(),
  database: text.optional(),
  schema: text.optional(),
});
export type SnowflakeFields = z.output<typeof snowflakeFields>;

export type ConnectionFields = SalesforceFields | SnowflakeFields;

/** A saved connection as clients see it: no secret, only which ones are set. */
export interface ConnectionInfo {
  id: number;
  name: string;
  kind: ConnectionKind;
  /** The connection's fields without the secrets. */
  fields: Record<string, string>;
  /** The secret fields that are set. */
  secrets: SecretField[];
  /** "connected as …": who the source says we are, from the last successful test or sync. */
  identity: string | null;
  createdAt: string;
  updatedAt: string;
}

/** When a source syncs by itself (while the app or `serve` runs; overdue syncs run at launch). */
export const scheduleSchema = z.union([
  z.enum(['manual', 'hourly', 'daily']),
  z.object({ everyMinutes: z.number().int().min(5).max(7 * 24 * 60) }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const attributeDefinition = z.object({
  /** The source's column. */
  column: z.string().trim().min(1).max(300),
  name: z.string().trim().regex(ATTRIBUTE_NAME, 'lower snake case (a-z, 0-9, _), starting with a letter'),
  /** Absent: the source's own type (Salesforce field type, Snowflake column type, or inferred from a CSV's values). */
  type: z.enum(VALUE_TYPES).optional(),
  label: z.string().trim().min(1).max(200).optional(),
});
export type AttributeDefinition = z.output<typeof attributeDefinition>;

/** What one source reads and imports (the CLI's SOURCE.json, without its inline connection). */
export const sourceDefinition = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(SOURCE_KINDS),
  entity: z.enum(['users', 'accounts']),
  /** Salesforce and Snowflake: the saved connection, by name. */
  connection: z.string().trim().min(1).max(200).optional(),
  /** CSV: the file (a host path, or an upload id in the browser host). */
  path: z.string().min(1).max(4096).optional(),
  /** Salesforce: the object (`Contact`); Snowflake: `DATABASE.SCHEMA.TABLE`. */
  table: z.string().trim().min(1).max(500).optional(),
  join: z.object({
    /** The source's key column. */
    column: z.string().trim().min(1).max(300),
    /** The profile attribute it matches (`user_email`, `user_id`, `account_id`, …). */
    attribute: z.string().trim().min(1).max(200),
  }),
  attributes: z.array(attributeDefinition).min(1).max(200),
  schedule: scheduleSchema.default('manual'),
});
export type SourceDefinition = z.output<typeof sourceDefinition>;

/** One sync of a source, as kept in its history. */
export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  /** What started it. */
  trigger: 'manual' | 'schedule' | 'save';
  /** Source rows read. */
  rows: number;
  /** Distinct source keys that match a profile. */
  matched: number;
  /** Distinct source keys that match no profile. */
  unmatched: number;
  /** Source rows dropped because an earlier row had the same key. */
  duplicates: number;
  /** Rows without a key. */
  blankKeys: number;
  durationMs: number | null;
  error: string | null;
}

/** What a sync did (a sync job's result): the run, and the first keys that matched nothing or repeated. */
export interface SyncReport extends SyncRun {
  source: string;
  /** The first 100 keys that match no profile. */
  unmatchedKeys: string[];
  /** The first 100 keys that appeared more than once. */
  duplicateKeys: string[];
}

export interface SourceAttribute {
  name: string;
  column: string;
  type: ValueType;
  label: string;
}

/** A saved source as clients see it. */
export interface SourceInfo {
  name: string;
  kind: SourceKind;
  entity: 'users' | 'accounts';
  /** The connection's name (Salesforce, Snowflake), or null for CSV. */
  connection: string | null;
  /** CSV: the file as the host shows it. */
  path: string | null;
  table: string | null;
  join: { column: string; attribute: string };
  attributes: SourceAttribute[];
  schedule: Schedule;
  createdAt: string;
  lastSync: SyncRun | null;
  /** When the schedule will next sync it; null for manual sources. */
  nextSyncAt: string | null;
  /** A sync job of this source in progress. */
  syncJobId: string | null;
}

/** A table a connection can read. */
export interface SourceTable {
  /** What a source definition's `table` names (`Contact`, `DB.SCHEMA.TABLE`). */
  name: string;
  label: string;
  /** Salesforce: custom object; Snowflake: a view. */
  detail?: string;
}

/** A column of a source table, with the attribute type its values would take. */
export interface SourceColumn {
  name: string;
  label: string;
  /** The source's own type name (`currency`, `NUMBER(38,2)`, or "inferred" for CSV). */
  sourceType: string;
  type: ValueType;
}

/** The first rows of a table, and how a join would match. */
export interface SourcePreview {
  columns: SourceColumn[];
  rows: Array<Record<string, string | number | boolean | null>>;
  /** With a join: of the first `rows` source rows read, how many match a profile. */
  match?: { rows: number; matched: number; unmatched: number; duplicates: number; blankKeys: number };
}
