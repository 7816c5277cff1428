/**
 * What reading SOURCE.json and FEED.json share: one JSON object describing one thing, every
 * mistake named by its JSON field (`attributes[2].name: …`, `apiKey: …`) and all of them
 * reported at once, before anything is saved; and secrets that need not sit in the file, written
 * `{"env": "VAR"}` and read from the CLI's environment.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CliError, EXIT_FAILED } from './errors';
import { unreadableReason } from './files';

export interface Issue {
  /** The JSON field (`connection.password`, `headers.Authorization`); empty for the whole file. */
  path: string;
  message: string;
}

/** Issues listed per file; more are summed up. */
const SHOWN_ISSUES = 5;

/** `['attributes', 2, 'name']` → `attributes[2].name`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

/** zod's messages, reworded for a person editing JSON. */
export function wording(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'missing';
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_small' && issue.origin === 'array') return `needs at least ${String(issue.minimum)}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** Adds a schema's issues, except for fields already reported (an unset variable is not also "missing"). */
export function addSchemaIssues(issues: Issue[], error: z.ZodError, prefix = ''): void {
  const reported = new Set(issues.map((i) => i.path));
  for (const issue of error.issues) {
    const path = `${prefix}${fieldPath(issue.path)}`;
    if (!reported.has(path)) issues.push({ path, message: wording(issue) });
  }
}

/** Refuses the file with its issues, one line each (`FILE: field: message`). */
export function failFile(file: string, issues: Issue[], exitCode = EXIT_FAILED): never {
  const lines = issues.slice(0, SHOWN_ISSUES).map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
  if (issues.length > SHOWN_ISSUES) lines.push(`…and ${issues.length - SHOWN_ISSUES} more problems`);
  throw new CliError(lines.join('\n'), exitCode);
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's JSON object (a BOM before it is fine); `what` says what it should describe. */
export function parseJsonObject(text: string, file: string, what: string, exitCode = EXIT_FAILED): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return failFile(file, [{ path: '', message: `not valid JSON (${err instanceof Error ? err.message : String(err)})` }], exitCode);
  }
  if (!isObject(json)) return failFile(file, [{ path: '', message: `must be a JSON object describing ${what}` }], exitCode);
  return json;
}

/** A file's text, or a CliError saying why it cannot be read. */
export function readTextFile(file: string, exitCode = EXIT_FAILED): string {
  const reason = unreadableReason(file);
  if (reason !== null) throw new CliError(`${file}: ${reason}`, exitCode);
  return readFileSync(file, 'utf8');
}

/**
 * A secret field's value: a string, or `{"env": "VAR"}` read from `env`. An unset or empty
 * variable is an issue naming both the field and the variable.
 */
export function secretValue(path: string, value: unknown, env: NodeJS.ProcessEnv, issues: Issue[]): string | undefined {
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
