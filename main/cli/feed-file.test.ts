import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT_USAGE } from './errors';
import { missingSecrets, parseFeedFile, readFeedFile } from './feed-file';

let dir: string;
let jsonFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-feed-file-'));
  mkdirSync(join(dir, 'feeds', 'drop'), { recursive: true });
  writeFileSync(join(dir, 'feeds', 'events.ndjson'), '{}\n');
  jsonFile = join(dir, 'feeds', 'feed.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DATADOG = {
  name: 'prod RUM',
  kind: 'datadog',
  site: 'datadoghq.eu',
  apiKey: { env: 'DD_API_KEY' },
  appKey: { env: 'DD_APP_KEY' },
  query: '@application.id:abc @type:(view OR action)',
  from: '2025-03-01',
  lookbackMinutes: 30,
  schedule: { everyMinutes: 60 },
};
const KEYS = { DD_API_KEY: 'api-123', DD_APP_KEY: 'app-456' };

const parse = (json: unknown, env: NodeJS.ProcessEnv = {}) => parseFeedFile(JSON.stringify(json), jsonFile, env);

/** The refused file's message; a malformed FEED.json is a usage mistake (exit 2). */
function problems(json: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(json, env);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT_USAGE);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('FEED.json', () => {
  it('reads a Datadog feed, its keys from the environment', () => {
    expect(parse(DATADOG, KEYS)).toEqual({ ...DATADOG, apiKey: 'api-123', appKey: 'app-456' });
    // Keys written in the file are taken as they are; a BOM before the JSON is fine.
    const inline = parseFeedFile(`\uFEFF${JSON.stringify({ name: 'dd', kind: 'datadog', apiKey: 'a', appKey: 'b', from: 'now-1d', baseUrl: 'http://127.0.0.1:9/' })}`, jsonFile, {});
    expect(inline).toMatchObject({ apiKey: 'a', appKey: 'b', baseUrl: 'http://127.0.0.1:9/' });
    expect(missingSecrets(inline)).toEqual([]);
  });

  it('names an unset environment variable by the field that wanted it', () => {
    expect(problems(DATADOG, { DD_APP_KEY: 'x' })).toBe(`${jsonFile}: apiKey: the environment variable DD_API_KEY is not set`);
    expect(problems({ ...DATADOG, appKey: { file: '/k' } }, KEYS)).toBe(
      `${jsonFile}: appKey: must be a string, or {"env": "VARIABLE"} to read it from the environment`,
    );
  });

  it('leaves out keys the file leaves out, and says which a new feed lacks', () => {
    const { apiKey: _a, appKey: _b, ...keyless } = DATADOG;
    const feed = parse(keyless);
    expect(feed).not.toHaveProperty('apiKey');
    expect(missingSecrets(feed)).toEqual(['apiKey', 'appKey']);
    expect(missingSecrets(parse({ ...keyless, appKey: 'b' }))).toEqual(['apiKey']);
  });

  it('reads a url feed, header values as secrets', () => {
    const feed = parse({ name: 'export', kind: 'url', url: 'https://example.com/events.ndjson.gz', headers: { Authorization: { env: 'FEED_TOKEN' }, 'X-Team': 'web' } }, { FEED_TOKEN: 'Bearer t0k' });
    expect(feed).toEqual({ name: 'export', kind: 'url', url: 'https://example.com/events.ndjson.gz', headers: { Authorization: 'Bearer t0k', 'X-Team': 'web' } });
    expect(missingSecrets(feed)).toEqual([]);
    expect(problems({ name: 'export', kind: 'url', url: 'https://x.test/', headers: { Authorization: { env: 'FEED_TOKEN' } } })).toBe(
      `${jsonFile}: headers.Authorization: the environment variable FEED_TOKEN is not set`,
    );
    expect(problems({ name: 'export', kind: 'url', url: 'https://x.test/', headers: 'Bearer x' })).toContain('headers: must be an object');
    expect(problems({ name: 'export', kind: 'url', url: 'ftp://x.test/' })).toBe(`${jsonFile}: url: must be an http(s) URL`);
  });

  it('reads a folder feed, its path relative to the JSON file, and refuses what is not a folder', () => {
    expect(parse({ name: 'drop', kind: 'folder', path: 'drop' })).toEqual({ name: 'drop', kind: 'folder', path: join(dir, 'feeds', 'drop') });
    expect(parse({ name: 'drop', kind: 'folder', path: join(dir, 'feeds', 'drop') })).toMatchObject({ path: join(dir, 'feeds', 'drop') });
    expect(problems({ name: 'drop', kind: 'folder', path: 'nope' })).toBe(`${jsonFile}: path: ${join(dir, 'feeds', 'nope')}: no such folder`);
    expect(problems({ name: 'drop', kind: 'folder', path: 'events.ndjson' })).toContain('events.ndjson: is a file, not a folder');
    expect(problems({ name: 'drop', kind: 'folder' })).toBe(`${jsonFile}: path: missing`);
  });

  it('names every mistake by its field', () => {
    expect(problems({ name: 'x' })).toBe(`${jsonFile}: kind: missing (one of "datadog", "url", "folder")`);
    expect(problems({ name: 'x', kind: 'kafka' })).toBe(`${jsonFile}: kind: must be one of "datadog", "url", "folder"`);
    const many = problems({ ...DATADOG, name: '', site: 'datadoghq.org', lookbackMinutes: -1, url: 'https://x.test/' }, KEYS).split('\n');
    expect(many).toEqual(expect.arrayContaining([
      `${jsonFile}: url: not a field of a datadog feed (known: name, kind, schedule, paused, site, baseUrl, apiKey, appKey, query, from, lookbackMinutes)`,
      `${jsonFile}: name: must not be empty`,
      `${jsonFile}: lookbackMinutes: must be at least 0`,
    ]));
    expect(many.find((l) => l.includes('site:'))).toMatch(/site: must be one of "datadoghq.com", .*"datadoghq.eu"/);
    expect(problems({ ...DATADOG, schedule: 'weekly' }, KEYS)).toContain('schedule:');
    expect(problems({ ...DATADOG, baseUrl: 'proxy.local' }, KEYS)).toBe(`${jsonFile}: baseUrl: must be an http(s) URL`);
  });

  it('refuses a file that is not one JSON object, or cannot be read', () => {
    expect(() => parseFeedFile('{"name": ', jsonFile)).toThrow(/not valid JSON/);
    expect(problems([DATADOG])).toBe(`${jsonFile}: must be a JSON object describing one feed`);
    let refused: unknown;
    try {
      readFeedFile(join(dir, 'missing.json'));
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).message).toBe(`${join(dir, 'missing.json')}: no such file`);
    expect((refused as CliError).exitCode).toBe(EXIT_USAGE);
  });
});
