/**
 * Grid latency at scale: 100-row blocks (`users.page`) for every sort key, both directions, at
 * fixed offsets, without a filter and with each kind of filter (a new variant of it for each
 * direction: every one is a filter change, counted first as the grid does, then its first
 * block, then the first deep jump), and `users.count`; the same in DuckDB over its copy of the
 * user table. Runs against an already imported store.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { formatNumber } from '../common/format';
import { USER_KEYS } from '../common/keys';
import { log, serveChild } from './child';
import { call } from './core-call';
import { BLOCK, BLOCK_FILTERS, DUCK_OFFSET_INDEX, FILTERS, FIRST_JUMP_INDEX, blockOffsets, type BenchFilter, type Selection } from './latency-plan';

export interface LatencyInput {
  dbPath: string;
  /** DuckDB file holding the same users (table `users`); skipped when absent. */
  duckPath?: string;
  seed: number;
  countSamples: number;
  /** Sort keys whose blocks are measured (default: every user attribute). */
  keys?: string[];
}

export interface Samples {
  pd: number[];
  duck: number[];
}

export interface LatencyResult {
  users: number;
  /** `${filter}/${key}` → block latencies (ms), asc and desc. */
  blocks: Record<string, Samples>;
  /** Per filter: the first deep block after each filter change (its middle block). */
  firstJumps: Record<string, number[]>;
  /** Per sort key: a filtered deep block right after the sort changed (the sort's order still being read). */
  sortChange: number[];
  /** Per filter: latencies over its variants, variant 0's counts, and how many variants' counts differ. */
  counts: Record<string, Samples & { pdCount: number; duckCount: number | null; differ: number }>;
}

/** A row whose sample exceeds this stops sampling (already 20× over budget): keeps a slow core from taking an hour. */
const GIVE_UP_MS = 1000;

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

export async function measureLatency(input: LatencyInput): Promise<LatencyResult> {
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.dbPath });
  const duck = input.duckPath ? await (await DuckDBInstance.create(input.duckPath, { access_mode: 'READ_ONLY' })).connect() : null;
  const duckQuery = async (sql: string): Promise<number> =>
    Number((await duck!.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);
  const count = async (selection: Selection): Promise<number> => (await call<{ count: number }>(core, 'users.count', selection)).count;
  const page = (selection: Selection, key: string, dir: 'asc' | 'desc', offset: number) =>
    call(core, 'users.page', { offset, limit: BLOCK, sort: [{ key, dir }], ...selection });
  try {
    const result: LatencyResult = { users: 0, blocks: {}, firstJumps: {}, sortChange: [], counts: {} };
    // Warm-up: first touches load pages and prepare statements; a filtered count starts the id
    // worker threads (opening the store there: ~1 s under load, once per process).
    result.users = await count({ filter: null });
    await page({ filter: null }, 'last_seen', 'desc', 0);
    await count({ filter: { op: 'eq', key: 'last_country_code', value: 'ZZ' } });
    if (duck) await duckQuery('SELECT count(*) FROM users');

    for (const f of FILTERS) {
      const s = { pd: [] as number[], duck: [] as number[], pdCount: 0, duckCount: null as number | null, differ: 0 };
      for (let i = 0; i < input.countSamples; i++) {
        let pdCount = 0;
        s.pd.push(await time(async () => {
          pdCount = await count(f.select(i));
        }));
        if (i === 0) s.pdCount = pdCount;
        if (!duck) continue;
        let duckCount = 0;
        s.duck.push(await time(async () => {
          duckCount = await duckQuery(`SELECT count(*) FROM users WHERE ${f.sql(i)}`);
        }));
        if (i === 0) s.duckCount = duckCount;
        if (duckCount !== pdCount) s.differ++;
      }
      result.counts[f.name] = s;
      log(`count ${f.label}: ${formatNumber(s.pdCount)} users`);
    }

    const filters = FILTERS.filter((x) => BLOCK_FILTERS.includes(x.name));
    const variants = new Map<string, number>();
    /** The next variant of a filter: a filter change. */
    const next = (f: BenchFilter): number => {
      const v = variants.get(f.name) ?? 0;
      variants.set(f.name, v + 1);
      return v;
    };
    for (const f of filters) result.firstJumps[f.name] = [];
    for (const key of input.keys ?? USER_KEYS) {
      const per = new Map(filters.map((f) => [f.name, { pd: [], duck: [] } as Samples]));
      const blocks = async (f: BenchFilter, dir: 'asc' | 'desc'): Promise<void> => {
        const s = per.get(f.name)!;
        const v = f.name === 'none' ? 0 : next(f);
        const selection = f.select(v);
        // As the grid asks on a filter change: the count, then the first block.
        const total = f.name === 'none' ? result.users : await count(selection);
        for (const [i, offset] of blockOffsets(total, input.seed).entries()) {
          if (s.pd.some((ms) => ms > GIVE_UP_MS)) break;
          const ms = await time(() => page(selection, key, dir, offset));
          s.pd.push(ms);
          if (i === FIRST_JUMP_INDEX && f.name !== 'none') result.firstJumps[f.name]!.push(ms);
          if (duck && dir === 'asc' && i === DUCK_OFFSET_INDEX && duckSampled(f, key)) s.duck.push(await time(() => blockDuck(duck, f.sql(v), key, dir, offset)));
        }
      };
      // The sort changes: its unfiltered blocks, then a filtered deep jump at once.
      for (const dir of ['asc', 'desc'] as const) await blocks(filters[0]!, dir);
      const filtered: Selection = { filter: { op: 'range', key: 'session_count', gte: 2 } };
      const total = await count(filtered);
      result.sortChange.push(await time(() => page(filtered, key, 'asc', Math.floor(total / 2))));
      for (const dir of ['asc', 'desc'] as const) {
        for (const f of filters.slice(1)) await blocks(f, dir);
      }
      for (const [name, s] of per) result.blocks[`${name}/${key}`] = s;
      log(`blocks sorted by ${key}: ${filters.length} filters done`);
    }
    return result;
  } finally {
    duck?.closeSync();
    await core.close();
  }
}

/**
 * DuckDB sorts the whole table for each block (1–5 s at a million): sampled for every sort key
 * without a filter, by country and by free text (as before), every fourth key for the others.
 */
const duckSampled = (f: BenchFilter, key: string): boolean =>
  ['none', 'country', 'text'].includes(f.name) || USER_KEYS.indexOf(key) % 4 === 0;

/** The same block in DuckDB: sorted, absent values last, user_id breaking ties. */
async function blockDuck(conn: DuckDBConnection, where: string, key: string, dir: 'asc' | 'desc', offset: number): Promise<void> {
  const order = key === 'user_id' ? `user_id ${dir}` : `${key} ${dir} NULLS LAST, user_id ${dir}`;
  await conn.runAndReadAll(`SELECT * FROM users WHERE ${where} ORDER BY ${order} LIMIT ${BLOCK} OFFSET ${offset}`);
}

serveChild(measureLatency);
