/**
 * CSV export through a real store: RFC 4180 quoting read back by a real CSV parser, the formula
 * guard, unicode, types, column choice and order, a large export streamed, and cancel or
 * failure leaving no file under the chosen name.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { USER_KEYS, type AttributeSpec } from '../../../common/keys';
import { compileSort, TABLES, type ProfileTable } from '../query/compile';
import { exportCsvFile, writeCsv } from './csv-export';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-export-'));
const db = openStore(join(dir, 'export.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['Plain', 'Comma, Inc', 'Say "hi"', 'Two\nlines', '=HYPERLINK("x")', '+1 555', '-5', '@sum', '\tTab', 'Zoë 東京 🚀', '\rCR first'];
const insert = db.prepare('INSERT INTO users (user_id, user_name, first_seen, last_seen, session_count, last_country_code) VALUES (?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  NAMES.forEach((name, i) => insert.run(`u${i}`, name, Date.UTC(2025, 0, 1) + i, Date.UTC(2025, 1, 1, 12, 0, 0, 5) + i, i, i % 2 ? 'FR' : null));
  for (let i = 0; i < 30_000; i++) insert.run(`bulk${String(i).padStart(5, '0')}`, null, 1, 2, 0, 'US');
})();

async function exportText(request: Parameters<typeof writeCsv>[1]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(db, request, out);
  return Buffer.concat(chunks).toString('utf8');
}

const namesFilter = { op: 'not' as const, item: { op: 'eq' as const, key: 'last_country_code', value: 'US' } };

describe('CSV export', () => {
  it('quotes per RFC 4180 and guards formulas by default', async () => {
    const text = await exportText({ table: TABLES.user, filter: namesFilter, sort: [{ key: 'user_id', dir: 'asc' }], columns: ['user_id', 'user_name'] });
    expect(text.startsWith('user_id,user_name\r\n')).toBe(true);
    const records = parse(text, { columns: true }) as Array<{ user_id: string; user_name: string }>;
    const byId = new Map(records.map((r) => [r.user_id, r.user_name]));
    expect(byId.get('u1')).toBe('Comma, Inc');
    expect(byId.get('u2')).toBe('Say "hi"');
    expect(byId.get('u3')).toBe('Two\nlines');
    expect(byId.get('u4')).toBe(`'=HYPERLINK("x")`);
    expect(byId.get('u5')).toBe("'+1 555");
    expect(byId.get('u6')).toBe("'-5");
    expect(byId.get('u7')).toBe("'@sum");
    expect(byId.get('u8')).toBe("'\tTab");
    expect(byId.get('u9')).toBe('Zoë 東京 🚀');
    expect(byId.get('u10')).toBe("'\rCR first");
    expect(text).toContain('"Say ""hi"""');
  });

  it('leaves formulas alone when the guard is off, and writes a BOM on request', async () => {
    const text = await exportText({ table: TABLES.user, filter: { op: 'eq', key: 'user_id', value: 'u4' }, sort: [], columns: ['user_name'], formulaGuard: false, bom: true });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parse(text.slice(1), { columns: true })).toEqual([{ user_name: '=HYPERLINK("x")' }]);
  });

  it('writes every canonical key in order by default, ISO times with ms, plain numbers, empty for none', async () => {
    const text = await exportText({ table: TABLES.user, filter: { op: 'eq', key: 'user_id', value: 'u3' }, sort: [] });
    const [header, row] = parse(text) as string[][];
    expect(header).toEqual(USER_KEYS);
    const record = Object.fromEntries(header!.map((k, i) => [k, row![i]]));
    expect(record.first_seen).toBe('2025-01-01T00:00:00.003Z');
    expect(record.last_seen).toBe('2025-02-01T12:00:00.008Z');
    expect(record.session_count).toBe('3');
    expect(record.last_country_code).toBe('FR');
    expect(record.user_email).toBe('');
  });

  it('follows the sort and the chosen columns', async () => {
    const text = await exportText({ table: TABLES.user, filter: namesFilter, sort: [{ key: 'session_count', dir: 'desc' }], columns: ['session_count', 'user_id'] });
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual(['session_count', 'user_id']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(NAMES.map((_, i) => `u${i}`).reverse());
  });

  it('refuses unknown and repeated columns', async () => {
    await expect(exportText({ table: TABLES.user, filter: null, sort: [], columns: ['nope'] })).rejects.toThrow(/Unknown user attribute "nope"/);
    await expect(exportText({ table: TABLES.user, filter: null, sort: [], columns: ['user_id', 'USER_ID'] })).rejects.toThrow(/listed twice/);
  });

  it('streams a large export to a file with progress, every row once', async () => {
    const path = join(dir, 'all.csv');
    const progress: number[] = [];
    const result = await exportCsvFile(db, { table: TABLES.user, filter: null, sort: [{ key: 'user_id', dir: 'asc' }], columns: ['user_id'] }, path, {
      onProgress: (p) => progress.push(p.rows),
    });
    expect(result.rows).toBe(30_000 + NAMES.length);
    const ids = (parse(readFileSync(path)) as string[][]).slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(result.rows);
    expect(ids).toEqual([...ids].sort());
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(result.rows);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('reads most of the table in one pass and sorts it, in the order the index gives, then restores the connection', async () => {
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    const settings = () => [db.pragma('cache_size', { simple: true }), db.pragma('threads', { simple: true })];
    const before = settings();
    db.prepare = spy as typeof db.prepare;
    try {
      for (const sort of [[{ key: 'user_name', dir: 'desc' }], [{ key: 'last_country_code', dir: 'asc' }, { key: 'user_id', dir: 'desc' }]] as const) {
        prepared.length = 0;
        const text = await exportText({ table: TABLES.user, filter: null, sort: [...sort], columns: ['user_id'] });
        expect(prepared.some((sql) => sql.includes('FROM users NOT INDEXED'))).toBe(true);
        const ids = (parse(text) as string[][]).slice(1).map((r) => r[0]);
        const indexed = prepare(`SELECT user_id FROM users INDEXED BY users_by_${sort[0].key} ORDER BY ${compileSort(TABLES.user, [...sort])}`).pluck().all();
        expect(ids).toEqual(indexed);
      }
      // A few rows go through the planner's index of choice.
      prepared.length = 0;
      await exportText({ table: TABLES.user, filter: namesFilter, sort: [{ key: 'user_name', dir: 'asc' }], columns: ['user_id'] });
      expect(prepared.some((sql) => sql.includes('NOT INDEXED'))).toBe(false);
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    expect(settings()).toEqual(before);
  });

  it('keeps the full page cache for custom attributes (a lookup each), wherever the export reads them', async () => {
    db.exec('CREATE TABLE IF NOT EXISTS tiers (uid INTEGER PRIMARY KEY, tier TEXT)');
    db.exec("INSERT OR REPLACE INTO tiers SELECT id, CASE id % 2 WHEN 0 THEN 'gold' END FROM users");
    const tier: AttributeSpec = { key: 'tier', label: 'Tier', type: 'text', group: 'custom', source: 'crm' };
    const users: ProfileTable = {
      ...TABLES.user,
      specs: [...TABLES.user.specs, tier],
      custom: new Map([['tier', { spec: tier, value: (outer: string) => `(SELECT tier FROM tiers WHERE uid = ${outer}.id)` }]]),
    };
    const pragmas: string[] = [];
    const pragma = db.pragma.bind(db);
    db.pragma = ((sql: string, options?: { simple?: boolean }) => {
      pragmas.push(sql);
      return pragma(sql, options);
    }) as typeof db.pragma;
    const smallRuns = () => pragmas.some((p) => p.startsWith('cache_size = -2048'));
    const byId = [{ key: 'user_id', dir: 'asc' as const }];
    try {
      const text = await exportText({ table: users, filter: null, sort: byId, columns: ['user_id', 'tier'] });
      const rows = (parse(text, { columns: true }) as Array<{ user_id: string; tier: string }>).filter((r) => r.tier === 'gold');
      expect(rows.length).toBe(db.prepare("SELECT count(*) FROM tiers WHERE tier = 'gold'").pluck().get());
      expect(smallRuns()).toBe(false);
      await exportText({ table: users, filter: null, sort: [{ key: 'tier', dir: 'desc' }], columns: ['user_id'] });
      expect(smallRuns()).toBe(false);
      await exportText({ table: users, filter: { op: 'not', item: { op: 'eq', key: 'tier', value: 'x' } }, sort: byId, columns: ['user_id'] });
      expect(smallRuns()).toBe(false);
      // The same table without a custom attribute read: small runs.
      await exportText({ table: users, filter: null, sort: byId, columns: ['user_id'] });
      expect(smallRuns()).toBe(true);
    } finally {
      db.pragma = pragma as typeof db.pragma;
    }
  });

  it('leaves no file under the chosen name when cancelled, nor a temp file', async () => {
    const path = join(dir, 'cancelled.csv');
    const controller = new AbortController();
    await expect(
      exportCsvFile(db, { table: TABLES.user, filter: null, sort: [] }, path, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('fails clearly for a folder that does not exist', async () => {
    await expect(exportCsvFile(db, { table: TABLES.user, filter: null, sort: [] }, join(dir, 'missing', 'x.csv'))).rejects.toThrow(/no such folder/);
  });
});
