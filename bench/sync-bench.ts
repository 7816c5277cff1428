/**
 * The attribute sync budget (1M source rows in ≤ 15 s), Profile Desk's side: on a COPY of the
 * bench's user store (the cached store is never written), `sources.save` of a CSV source joined
 * on email with 5 attributes, through the dispatcher, following its first sync job as every
 * host does (callAndFollow), timed end to end; then `sources.sync` of the same source (the
 * steady state: a values table already there, replaced). The values synced are summarised
 * (sums and counts per column) so the DuckDB peer can be checked to have done the same work.
 */
import { copyFileSync, existsSync } from 'node:fs';
import type { SyncReport, ValueType } from '../common/attributes';
import { callAndFollow, runJob } from '../common/jobs';
import type { SyncFinished } from '../common/types';
import { log } from './child';
import { call } from './core-call';
import { removeDb } from './data';
import { rssSampler, type RssFigures } from './rss-sampler';

export interface SyncBenchInput {
  /** The cached user store: copied, never opened. */
  storePath: string;
  /** Where the copy goes (removed afterwards). */
  workPath: string;
  csvPath: string;
}

export interface SyncTiming {
  /** From the call to the job's end, as a client sees it. */
  seconds: number;
  /** CPU time of the process meanwhile (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  report: SyncReport;
}

/** CPU seconds since `since` (a process.cpuUsage() reading). */
export const cpuSince = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

/** Per attribute, what its values add up to: equal on both sides means the same typed values. */
export interface ValuesDigest {
  keys: number;
  /** Non-null values per attribute. */
  counts: Record<string, number>;
  /** ltv in cents, seats, vip true, signed_up's ms within the day, tier's characters. */
  sums: Record<string, number>;
}

export interface SyncBenchResult extends RssFigures {
  users: number;
  /** The attribute types `sources.save` inferred from the file. */
  types: Record<string, ValueType>;
  first: SyncTiming;
  resync: SyncTiming;
  digest: ValuesDigest;
}

export const SOURCE_NAME = 'Bench CRM';

/** The source as the wizard or SOURCE.json would give it: types left to the file's values. */
export const syncSourceDefinition = (path: string) => ({
  name: SOURCE_NAME,
  kind: 'csv' as const,
  entity: 'users' as const,
  path,
  join: { column: 'email', attribute: 'user_email' },
  attributes: ['ltv', 'tier', 'vip', 'signed_up', 'seats'].map((column) => ({ column, name: column })),
});

/** The digest's SQL over a table of typed values (key, ltv, tier, vip, signed_up ms, seats), for SQLite and DuckDB alike. */
export function digestSql(table: string, column: (name: string) => string): string {
  const c = column;
  return `SELECT count(*) AS keys,
    count(${c('ltv')}) AS ltv_n, coalesce(sum(round(${c('ltv')} * 100)), 0) AS ltv_sum,
    count(${c('tier')}) AS tier_n, coalesce(sum(length(${c('tier')})), 0) AS tier_sum,
    count(${c('vip')}) AS vip_n, coalesce(sum(CASE WHEN ${c('vip')} THEN 1 ELSE 0 END), 0) AS vip_sum,
    count(${c('signed_up')}) AS signed_up_n, coalesce(sum(${c('signed_up')} % 86400000), 0) AS signed_up_sum,
    count(${c('seats')}) AS seats_n, coalesce(sum(${c('seats')}), 0) AS seats_sum
  FROM ${table}`;
}

export function toDigest(row: Record<string, unknown>): ValuesDigest {
  const digest: ValuesDigest = { keys: Number(row.keys), counts: {}, sums: {} };
  for (const name of ['ltv', 'tier', 'vip', 'signed_up', 'seats']) {
    digest.counts[name] = Number(row[`${name}_n`]);
    digest.sums[name] = Number(row[`${name}_sum`]);
  }
  return digest;
}

const finishedOk = (finished: SyncFinished, what: string): SyncReport => {
  if (!finished.ok) throw new Error(`${what}: ${finished.error.message}`);
  return finished.result;
};

export async function measureSync(input: SyncBenchInput): Promise<SyncBenchResult> {
  removeDb(input.workPath);
  for (const suffix of ['', '-wal']) {
    if (existsSync(input.storePath + suffix)) copyFileSync(input.storePath + suffix, input.workPath + suffix);
  }
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.workPath });
  const rss = rssSampler();
  try {
    // Warm-up as a user would have it: the store open and its pages touched by a count.
    const users = (await call<{ count: number }>(core, 'users.count', { filter: null })).count;
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const { value, job } = await callAndFollow<'sources.save', SyncFinished>(
      core, 'sources.save', { source: syncSourceDefinition(input.csvPath) }, (v) => v.jobId);
    if (!job) throw new Error('sources.save started no sync');
    const first = { report: finishedOk(await job.finished, 'first sync'), seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
    log(`first sync: ${first.seconds.toFixed(2)} s (cpu ${first.cpuSeconds.toFixed(2)} s)`);

    t0 = performance.now();
    c0 = process.cpuUsage();
    const report = finishedOk(await runJob(core, 'sources.sync', { name: SOURCE_NAME }), 'sources.sync');
    const resync = { report, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
    log(`re-sync: ${resync.seconds.toFixed(2)} s (cpu ${resync.cpuSeconds.toFixed(2)} s)`);
    const memory = rss.stop();
    return {
      users,
      types: Object.fromEntries(value.source.attributes.map((a) => [a.name, a.type])),
      first,
      resync,
      digest: await digestOf(input.workPath),
      ...memory,
    };
  } finally {
    rss.stop();
    await core.close();
    removeDb(input.workPath);
  }
}

/** The current values table of the source, read through a second connection like any reader. */
async function digestOf(dbPath: string): Promise<ValuesDigest> {
  const { openStore } = await import('../main/core/store/open');
  const db = openStore(dbPath, { readonly: true });
  try {
    const table = db.prepare('SELECT values_table FROM sources WHERE name = ?').pluck().get(SOURCE_NAME) as string;
    return toDigest(db.prepare(digestSql(`"${table}"`, (name) => `"v_${name}"`)).get() as Record<string, unknown>);
  } finally {
    db.close();
  }
}
