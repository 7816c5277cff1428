/**
 * Reading `sources add --file SOURCE.json`: one source and, for Salesforce and Snowflake, its
 * connection, with flat fields. Secrets need not sit in the file: any connection field may be
 * `{"env": "VAR"}`, read from the CLI's environment. A CSV's relative `path` is relative to the
 * JSON file, so a folder of sources works from any working directory. Every mistake is reported
 * by its JSON field (`attributes[2].name: lower snake case …`), before anything is saved.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import {
  salesforceFields,
  snowflakeFields,
  sourceDefinition,
  type ConnectionKind,
} from '../../common/attributes';
import { CliError } from './errors';
import { unreadableReason } from './files';

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
/** Issues listed per file; more are summed up. */
const SHOWN_ISSUES = 5;

interface Issue {
  path: string;
  message: string;
}

/** `['attributes', 2, 'name']` → `attributes[2].name`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

/** zod's messages, reworded for a person editing JSON. */
function wording(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'missing';
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_small' && issue.origin === 'array') return `needs at least ${String(issue.minimum)}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function fail(file: string, issues: Issue[]): never {
  const lines = issues.slice(0, SHOWN_ISSUES).map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
  if (issues.length > SHOWN_ISSUES) lines.push(`…and ${issues.length - SHOWN_ISSUES} more problems`);
  throw new CliError(lines.join('\n'));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A connection field's value: a string, or `{"env": "VAR"}` read from `env`. */
function fieldValue(path: string, value: unknown, env: NodeJS.ProcessEnv, issues: Issue[]): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && Object.keys(value).length === 1 && typeof value.env === 'string') {
    const resolved = env[value.env];
    if (resolved === undefined || resolved === '') {
      issues.push({ path, message: `the environment variable ${value.env} is not set` });
      return undefined;
    }
    return resolved;
  }
  issues.push({ path, message: 'must be a string, or {"env": "VARIABLE"} to read it from the environment' });
  return undefined;
}

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
  if (!checked.success) {
    // Fields already reported (an unset variable) are not reported again as missing.
    const reported = new Set(issues.map((i) => i.path));
    for (const issue of checked.error.issues) {
      const path = `connection.${fieldPath(issue.path)}`;
      if (!reported.has(path)) issues.push({ path, message: wording(issue) });
    }
  }
  const name = raw.name ?? sourceName;
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '')) {
    issues.push({ path: 'connection.name', message: 'must be a non-empty string' });
    return null;
  }
  return typeof name === 'string' ? { name: name.trim(), kind, fields } : null;
}

/** Parses SOURCE.json's text; `file` is its path (for messages and relative CSV paths). */
export function parseSourceFile(text: string, file: string, env: NodeJS.ProcessEnv = process.env): SourceFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(file, [{ path: '', message: `not valid JSON (${err instanceof Error ? err.message : String(err)})` }]);
  }
  if (!isObject(json)) return fail(file, [{ path: '', message: 'must be a JSON object describing one source' }]);

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
  if (!checked.success) {
    const reported = new Set(issues.map((i) => i.path));
    for (const issue of checked.error.issues) {
      const path = fieldPath(issue.path);
      if (!reported.has(path)) issues.push({ path, message: wording(issue) });
    }
  }
  if (issues.length > 0) return fail(file, issues);
  return { source: source as SourceInput, connection };
}

/** Reads and parses SOURCE.json from disk. */
export function readSourceFile(file: string, env: NodeJS.ProcessEnv = process.env): SourceFile {
  const reason = unreadableReason(file);
  if (reason !== null) throw new CliError(`${file}: ${reason}`);
  return parseSourceFile(readFileSync(file, 'utf8'), file, env);
}
