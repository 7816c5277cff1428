/**
 * Reading `sources add --file SOURCE.json`: one source and, for Salesforce and Snowflake, its
 * connection, with flat fields. Secrets need not sit in the file: any connection field may be
 * `{"env": "VAR"}`, read from the CLI's environment. A CSV's relative `path` is relative to the
 * JSON file, so a folder of sources works from any working directory. Every mistake is reported
 * by its JSON field (`attributes[2].name: lower snake case …`), before anything is saved.
 */
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import {
  salesforceFields,
  snowflakeFields,
  sourceDefinition,
  type ConnectionKind,
} from '../../common/attributes';
import { unreadableReason } from './files';
import { addSchemaIssues, failFile as fail, isObject, parseJsonObject, readTextFile, secretValue as fieldValue, type Issue } from './json-file';

export { fieldPath } from './json-file';

export type SourceInput = z.input<typeof sourceDefinition>;

/** A connection written inline in SOURCE.json: saved (created or edited) before the source. */
export interface InlineConnection {
  name: string;
  kind: ConnectionKind;
  fields: Record<string, string>;
}

export interface SourceFile {
  source: SourceInput;
  /** The inline connection to save; null for CSV or a connection named by a string (already saved). */
  connection: InlineConnection | null;
}

const TOP_LEVEL = ['name', 'kind', 'entity', 'connection', 'path', 'table', 'join', 'attributes', 'schedule'];
const FIELDS: Record<ConnectionKind, z.ZodObject> = { salesforce: salesforceFields, snowflake: snowflakeFields };

function readConnection(raw: Record<string, unknown>, sourceName: unknown, kind: ConnectionKind, env: NodeJS.ProcessEnv, issues: Issue[]): InlineConnection | null {
  const schema = FIELDS[kind];
  const known = Object.keys(schema.shape);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'name') continue;
    if (!known.includes(key)) {
      issues.push({ path: `connection.${key}`, message: `not a field of a ${kind} connection (known: ${known.join(', ')})` });
      continue;
    }
    const text = fieldValue(`connection.${key}`, value, env, issues);
    if (text !== undefined) fields[key] = text;
  }
  const checked = schema.safeParse(fields);
  // Fields already reported (an unset variable) are not reported again as missing.
  if (!checked.success) addSchemaIssues(issues, checked.error, 'connection.');
  const name = raw.name ?? sourceName;
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '')) {
    issues.push({ path: 'connection.name', message: 'must be a non-empty string' });
    return null;
  }
  return typeof name === 'string' ? { name: name.trim(), kind, fields } : null;
}

/** Parses SOURCE.json's text; `file` is its path (for messages and relative CSV paths). */
export function parseSourceFile(text: string, file: string, env: NodeJS.ProcessEnv = process.env): SourceFile {
  const json = parseJsonObject(text, file, 'one source');

  const issues: Issue[] = [];
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL.includes(key)) issues.push({ path: key, message: `not a field of a source (known: ${TOP_LEVEL.join(', ')})` });
  }
  const { connection: rawConnection, path: rawPath, ...rest } = json;
  const source: Record<string, unknown> = { ...rest };
  let connection: InlineConnection | null = null;

  if (json.kind === 'csv') {
    if (rawConnection !== undefined) issues.push({ path: 'connection', message: 'a CSV source has no connection: give its file as "path"' });
    if (json.table !== undefined) issues.push({ path: 'table', message: 'a CSV source reads its file: give it as "path", without "table"' });
    if (typeof rawPath !== 'string' || rawPath === '') {
      issues.push({ path: 'path', message: rawPath === undefined ? 'missing (the CSV file, relative to this JSON file or absolute)' : 'must be a file path' });
    } else {
      const csv = resolve(dirname(resolve(file)), rawPath);
      const reason = unreadableReason(csv);
      if (reason !== null) issues.push({ path: 'path', message: `${csv}: ${reason}` });
      source.path = csv;
    }
  } else if (json.kind === 'salesforce' || json.kind === 'snowflake') {
    if (rawPath !== undefined) issues.push({ path: 'path', message: `a ${json.kind} source reads a table of its connection: leave "path" out` });
    if (typeof rawConnection === 'string') source.connection = rawConnection;
    else if (isObject(rawConnection)) {
      connection = readConnection(rawConnection, json.name, json.kind, env, issues);
      if (connection) source.connection = connection.name;
    } else {
      issues.push({ path: 'connection', message: `missing: the ${json.kind} connection's fields, or the name of a saved connection` });
    }
    if (json.table === undefined) issues.push({ path: 'table', message: json.kind === 'salesforce' ? 'missing (the object, e.g. "Contact")' : 'missing (DATABASE.SCHEMA.TABLE)' });
  }

  const checked = sourceDefinition.safeParse(source);
  if (!checked.success) addSchemaIssues(issues, checked.error);
  if (issues.length > 0) return fail(file, issues);
  return { source: source as SourceInput, connection };
}

/** Reads and parses SOURCE.json from disk. */
export function readSourceFile(file: string, env: NodeJS.ProcessEnv = process.env): SourceFile {
  return parseSourceFile(readTextFile(file), file, env);
}
