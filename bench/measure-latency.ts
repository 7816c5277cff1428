/**
 * Grid latency at scale: 100-row blocks (`users.page`) for every sort key, both directions, at
 * fixed offsets, with and without a query, and `users.count`; the same in DuckDB over its copy
 * of the user table. Runs against an already imported store.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { formatNumber } from '../common/format';
import { USER_KEYS } from '../common/keys';
import { log, serveChild } from './child';
import { BLOCK, BLOCK_FILTERS, DUCK_OFFSET_INDEX, FILTERS, blockOffsets } from './latency-plan';
import { call } from './core-call';

export interface LatencyInput {
  dbPath: string;
  /** DuckDB file holding the same users (table `users`); skipped when absent. */
  duckPath?: string;
  seed: number;
  countSamples: number;
}

export interface Samples {
  pd: number[];
  duck: number[];
}

export interface LatencyResult {
  users: number;
  /** `${filter}/${key}` → block latencies (ms). */
  blocks: Record<string, Samples>;
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
  try {
    const result: LatencyResult = { users: 0, blocks: {}, counts: {} };
    // Warm-up: first touches load pages and prepare statements.
    result.users = (await call<{ count: number }>(core, 'users.count', { filter: null })).count;
    await call(core, 'users.page', { offset: 0, limit: BLOCK, sort: [], filter: null });
    if (duck) await duckQuery('SELECT count(*) FROM users');

    const totals = new Map<string, number>();
    for (const f of FILTERS) {
      const s = { pd: [] as number[], duck: [] as number[], pdCount: 0, duckCount: null as number | null, differ: 0 };
      for (let i = 0; i < input.countSamples; i++) {
        let pdCount = 0;
        s.pd.push(await time(async () => {
          pdCount = (await call<{ count: number }>(core, 'users.count', { filter: f.filter(i) })).count;
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
      totals.set(f.name, s.pdCount);
      result.counts[f.name] = s;
      log(`count ${f.label}: ${formatNumber(s.pdCount)} users`);
    }

    for (const f of FILTERS.filter((x) => BLOCK_FILTERS.includes(x.name))) {
      const offsets = blockOffsets(totals.get(f.name)!, input.seed);
      for (const key of USER_KEYS) {
        const s: Samples = { pd: [], duck: [] };
        for (const dir of ['asc', 'desc'] as const) {
          for (const [i, offset] of offsets.entries()) {
            if (s.pd.some((ms) => ms > GIVE_UP_MS)) break;
            const page = { offset, limit: BLOCK, sort: [{ key, dir }], filter: f.filter(0) };
            s.pd.push(await time(() => call(core, 'users.page', page)));
            if (duck && dir === 'asc' && i === DUCK_OFFSET_INDEX) s.duck.push(await time(() => blockDuck(duck, f.sql(0), key, dir, offset)));
          }
        }
        result.blocks[`${f.name}/${key}`] = s;
      }
      log(`blocks ${f.label}: ${USER_KEYS.length} sort keys done`);
    }
    return result;
  } finally {
    duck?.closeSync();
    await core.close();
  }
}

/** The same block in DuckDB: sorted, absent values last, user_id breaking ties. */
async function blockDuck(conn: DuckDBConnection, where: string, key: string, dir: 'asc' | 'desc', offset: number): Promise<void> {
  const order = key === 'user_id' ? `user_id ${dir}` : `${key} ${dir} NULLS LAST, user_id ${dir}`;
  await conn.runAndReadAll(`SELECT * FROM users WHERE ${where} ORDER BY ${order} LIMIT ${BLOCK} OFFSET ${offset}`);
}

serveChild(measureLatency);
