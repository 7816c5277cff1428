import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from './errors';
import { fieldPath, parseSourceFile, readSourceFile } from './source-file';

let dir: string;
let jsonFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-source-file-'));
  mkdirSync(join(dir, 'sources', 'data'), { recursive: true });
  writeFileSync(join(dir, 'sources', 'data', 'ltv.csv'), 'email,ltv\na@x.com,10\n');
  jsonFile = join(dir, 'sources', 'ltv.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = {
  name: 'LTV',
  kind: 'csv',
  entity: 'users',
  path: 'data/ltv.csv',
  join: { column: 'email', attribute: 'user_email' },
  attributes: [{ column: 'ltv', name: 'ltv', type: 'number' }],
};
const SALESFORCE = {
  name: 'crm',
  kind: 'salesforce',
  entity: 'accounts',
  connection: { loginUrl: 'https://test.salesforce.com', auth: 'password', username: 'ana@acme.com', password: { env: 'SF_PASSWORD' }, securityToken: { env: 'SF_TOKEN' } },
  table: 'Account',
  join: { column: 'Id', attribute: 'account_id' },
  attributes: [{ column: 'AnnualRevenue', name: 'revenue' }],
  schedule: 'daily',
};

const parse = (json: unknown, env: NodeJS.ProcessEnv = {}) => parseSourceFile(JSON.stringify(json), jsonFile, env);

/** The CliError's message for a SOURCE.json. */
function problems(json: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(json, env);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('SOURCE.json', () => {
  it('reads a CSV source, its path relative to the JSON file', () => {
    const { source, connection } = parse(CSV);
    expect(connection).toBeNull();
    expect(source).toEqual({ ...CSV, path: join(dir, 'sources', 'data', 'ltv.csv') });
    // An absolute path stays as it is; a BOM before the JSON is fine.
    const absolute = join(dir, 'sources', 'data', 'ltv.csv');
    expect(parseSourceFile(`\uFEFF${JSON.stringify({ ...CSV, path: absolute })}`, jsonFile).source.path).toBe(absolute);
  });

  it('reads secrets from the environment, and names the connection after the source unless it has a name', () => {
    const env = { SF_PASSWORD: 'hunter2', SF_TOKEN: 'tok' };
    const { source, connection } = parse(SALESFORCE, env);
    expect(connection).toEqual({
      name: 'crm',
      kind: 'salesforce',
      fields: { loginUrl: 'https://test.salesforce.com', auth: 'password', username: 'ana@acme.com', password: 'hunter2', securityToken: 'tok' },
    });
    expect(source).toMatchObject({ name: 'crm', connection: 'crm', table: 'Account', schedule: 'daily' });
    expect(parse({ ...SALESFORCE, connection: { ...SALESFORCE.connection, name: 'Salesforce prod' } }, env).connection?.name).toBe('Salesforce prod');
    // A string names a connection saved before.
    expect(parse({ ...SALESFORCE, connection: 'Salesforce prod' })).toMatchObject({ connection: null, source: { connection: 'Salesforce prod' } });
  });

  it('names an unset environment variable and the field that wanted it', () => {
    expect(problems(SALESFORCE, { SF_TOKEN: 'tok' })).toBe(`${jsonFile}: connection.password: the environment variable SF_PASSWORD is not set`);
    expect(problems({ ...SALESFORCE, connection: { ...SALESFORCE.connection, password: { file: '/x' } } }, { SF_TOKEN: 't' })).toContain(
      'connection.password: must be a string, or {"env": "VARIABLE"}',
    );
  });

  it('names each wrong field by its JSON path', () => {
    const message = problems({
      ...CSV,
      kind: 'csv',
      entity: 'people',
      attributes: [{ column: 'ltv', name: 'ltv' }, { column: 'a', name: 'b' }, { column: 'Tier', name: 'Tier' }],
      schedule: { everyMinutes: 1 },
    });
    expect(message.split('\n')).toEqual([
      `${jsonFile}: entity: must be one of "users", "accounts"`,
      `${jsonFile}: attributes[2].name: lower snake case (a-z, 0-9, _), starting with a letter`,
      `${jsonFile}: schedule.everyMinutes: must be at least 5`,
    ]);
    expect(problems({ ...CSV, join: { column: 'email' } })).toBe(`${jsonFile}: join.attribute: missing`);
    expect(problems({ ...CSV, attributes: [] })).toBe(`${jsonFile}: attributes: needs at least 1`);
    expect(problems({ ...CSV, atributes: [] })).toMatch(/atributes: not a field of a source \(known: name, kind/);
    expect(problems({ ...SALESFORCE, connection: { ...SALESFORCE.connection, loginUrl: 'ftp://x', pasword: 'x' } }, { SF_PASSWORD: 'p', SF_TOKEN: 't' }).split('\n')).toEqual([
      `${jsonFile}: connection.pasword: not a field of a salesforce connection (known: loginUrl, auth, username, password, securityToken, instanceUrl, accessToken, refreshToken, clientId, clientSecret, apiVersion)`,
      `${jsonFile}: connection.loginUrl: must be an http(s) URL`,
    ]);
  });

  it('says what each kind needs and refuses what it does not take', () => {
    expect(problems({ ...CSV, path: undefined })).toMatch(/path: missing \(the CSV file, relative to this JSON file or absolute\)/);
    expect(problems({ ...CSV, path: 'data/none.csv' })).toMatch(/path: .*none\.csv: /);
    expect(problems({ ...CSV, table: 'x' })).toMatch(/table: a CSV source reads its file/);
    expect(problems({ ...CSV, connection: { auth: 'password' } })).toMatch(/connection: a CSV source has no connection/);
    expect(problems({ ...SALESFORCE, connection: undefined })).toMatch(/connection: missing: the salesforce connection's fields/);
    expect(problems({ ...SALESFORCE, table: undefined }, { SF_PASSWORD: 'p', SF_TOKEN: 't' })).toMatch(/table: missing \(the object, e.g. "Contact"\)/);
    expect(problems({ ...SALESFORCE, kind: 'snowflake', connection: { auth: 'password' } }).split('\n')).toEqual([
      `${jsonFile}: connection.account: missing`,
      `${jsonFile}: connection.username: missing`,
    ]);
  });

  it('refuses a file that is not one JSON object, or cannot be read', () => {
    expect(() => parseSourceFile('{"name":', jsonFile)).toThrow(/not valid JSON/);
    expect(() => parseSourceFile('[]', jsonFile)).toThrow(/must be a JSON object describing one source/);
    expect(() => readSourceFile(join(dir, 'missing.json'))).toThrow(CliError);
  });
});

describe('fieldPath', () => {
  it('writes paths as JSON readers do', () => {
    expect(fieldPath(['attributes', 2, 'name'])).toBe('attributes[2].name');
    expect(fieldPath(['join', 'column'])).toBe('join.column');
    expect(fieldPath([])).toBe('');
  });
});
