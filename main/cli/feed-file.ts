/**
 * Reading `feeds add --file FEED.json`: one feed, checked against `feedDefinition` (the shape
 * the core accepts) with every mistake named by its field. Secrets (a Datadog feed's `apiKey`
 * and `appKey`, a url feed's `headers` values) may be `{"env": "VAR"}`, read from the CLI's
 * environment, so they need not sit in the file or the shell's history. A folder feed's relative
 * `path` is relative to the JSON file. A malformed file is a usage mistake: exit 2.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { FEED_KINDS, feedDefinition, type FeedKind } from '../../common/feeds';
import { fileErrorReason } from '../core/file-errors';
import { EXIT_USAGE } from './errors';
import { addSchemaIssues, failFile, isObject, parseJsonObject, readTextFile, secretValue, type Issue } from './json-file';

export type FeedInput = z.input<typeof feedDefinition>;

const COMMON_FIELDS = ['name', 'kind', 'schedule', 'paused'];
const KIND_FIELDS: Record<FeedKind, string[]> = {
  datadog: ['site', 'baseUrl', 'apiKey', 'appKey', 'query', 'from', 'lookbackMinutes'],
  url: ['url', 'headers'],
  folder: ['path'],
};
/** The secrets a new Datadog feed cannot do without (an edit keeps the saved ones). */
const DATADOG_SECRETS = ['apiKey', 'appKey'] as const;

const isKind = (kind: unknown): kind is FeedKind => FEED_KINDS.includes(kind as FeedKind);

/** Why `path` cannot be a watched folder, or null when it is a folder. */
function folderProblem(path: string): string | null {
  try {
    return statSync(path).isDirectory() ? null : 'is a file, not a folder';
  } catch (err) {
    return fileErrorReason(err).replace(/^no such file\b/, 'no such folder');
  }
}

function readHeaders(raw: unknown, env: NodeJS.ProcessEnv, issues: Issue[]): Record<string, string> | undefined {
  if (!isObject(raw)) {
    issues.push({ path: 'headers', message: 'must be an object of header names and values, e.g. {"Authorization": {"env": "FEED_TOKEN"}}' });
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const text = secretValue(`headers.${name}`, value, env, issues);
    if (text !== undefined) headers[name] = text;
  }
  return headers;
}

/** Parses FEED.json's text; `file` is its path (for messages and a relative folder path). */
export function parseFeedFile(text: string, file: string, env: NodeJS.ProcessEnv = process.env): FeedInput {
  const json = parseJsonObject(text, file, 'one feed', EXIT_USAGE);
  const issues: Issue[] = [];
  const kind = json.kind;
  if (!isKind(kind)) {
    const choices = FEED_KINDS.map((k) => JSON.stringify(k)).join(', ');
    issues.push({ path: 'kind', message: kind === undefined ? `missing (one of ${choices})` : `must be one of ${choices}` });
  }
  const known = isKind(kind) ? [...COMMON_FIELDS, ...KIND_FIELDS[kind]] : [...COMMON_FIELDS, ...Object.values(KIND_FIELDS).flat()];
  for (const key of Object.keys(json)) {
    if (!known.includes(key)) issues.push({ path: key, message: `not a field of a${isKind(kind) ? ` ${kind}` : ''} feed (known: ${known.join(', ')})` });
  }

  const feed: Record<string, unknown> = { ...json };
  for (const key of DATADOG_SECRETS) {
    if (json[key] !== undefined) feed[key] = secretValue(key, json[key], env, issues);
  }
  if (json.headers !== undefined) feed.headers = readHeaders(json.headers, env, issues);
  if (kind === 'folder' && typeof json.path === 'string' && json.path !== '') {
    const folder = resolve(dirname(resolve(file)), json.path);
    const problem = folderProblem(folder);
    if (problem !== null) issues.push({ path: 'path', message: `${folder}: ${problem}` });
    feed.path = folder;
  }

  // Only a known kind is checked further: for another, the schema has nothing to add to "kind".
  if (isKind(kind)) {
    const checked = feedDefinition.safeParse(feed);
    if (!checked.success) addSchemaIssues(issues, checked.error);
  }
  if (issues.length > 0) return failFile(file, issues, EXIT_USAGE);
  return feed as FeedInput;
}

/** Reads and parses FEED.json from disk. */
export function readFeedFile(file: string, env: NodeJS.ProcessEnv = process.env): FeedInput {
  return parseFeedFile(readTextFile(file, EXIT_USAGE), file, env);
}

/**
 * The secrets a new feed lacks (Datadog: `apiKey`, `appKey`); editing a saved feed may leave
 * them out to keep the saved ones.
 */
export function missingSecrets(feed: FeedInput): string[] {
  if (feed.kind !== 'datadog') return [];
  return DATADOG_SECRETS.filter((key) => feed[key] === undefined);
}
