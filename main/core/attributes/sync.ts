/**
 * One sync of a source (ARCHITECTURE.md §10): read the whole table from its connector, keep the
 * first row of each join key, convert every value to its attribute's type, and switch the
 * source to the new values in one transaction.
 *
 * The rows go into a new values table (`source_values_<source>_<run>`), batch by batch, each
 * batch a short transaction, so imports and the grid's small writes interleave. Only the final
 * switch makes them visible; a sync that fails, is cancelled or is killed leaves the previous
 * table in place (a killed one's table is dropped at the next open: sweepInterruptedSyncs).
 */
import type { SyncReport, SyncRun } from '../../../common/attributes';
import { CancelledError, isCancelled } from '../jobs/cancelled';
import type { Db } from '../store/open';
import { writeWhenFree } from '../store/write-lock';
import { foldsCase, normaliseKey, profileKeySql, valueColumn } from './catalog';
import type { Connector, RawValue } from './connector';
import type { SourceRecord } from './source-store';
import { toStored } from './values';

/** Keys listed in a report (unmatched, duplicates). */
const REPORT_KEYS = 100;

const SQL_TYPES = { text: 'TEXT', number: 'REAL', boolean: 'INTEGER', time: 'INTEGER' } as const;

export interface SyncOptions {
  db: Db;
  source: SourceRecord;
  connector: Connector;
  trigger: SyncRun['trigger'];
  signal: AbortSignal;
  now: () => number;
  /** Rows read so far. */
  onRows?: (rows: number) => void;
}

export async function syncSource(o: SyncOptions): Promise<SyncReport> {
  const { db, source, signal } = o;
  const started = o.now();
  const runId = await writeWhenFree(db, () =>
    Number(
      db
        .prepare(`INSERT INTO sync_runs (source_id, trigger, status, started_at, pid) VALUES (?, ?, 'running', ?, ?)`)
        .run(source.id, o.trigger, started, process.pid).lastInsertRowid,
    ),
  );
  const table = `source_values_${source.id}_${runId}`;
  const counts = { rows: 0, matched: 0, unmatched: 0, duplicates: 0, blankKeys: 0 };
  const duplicateKeys: string[] = [];
  try {
    const attributes = source.attributes;
    await writeWhenFree(db, () =>
      db.exec(
        `CREATE TABLE "${table}" (key TEXT PRIMARY KEY NOT NULL, ${attributes
          .map((a) => `${valueColumn(a.name)} ${SQL_TYPES[a.type]}`)
          .join(', ')}) WITHOUT ROWID`,
      ),
    );
    const columns = [...new Set([source.join.column, ...attributes.map((a) => a.column)])];
    const at = attributes.map((a) => columns.indexOf(a.column));
    const fold = foldsCase(source.join.attribute);
    // OR IGNORE: the first row of a key wins; a row that changed nothing was a duplicate.
    const insert = db.prepare(`INSERT OR IGNORE INTO "${table}" VALUES (?${', ?'.repeat(attributes.length)})`);
    const writeBatch = (batch: RawValue[][]): void => {
      for (const row of batch) {
        const raw = row[0];
        const key = raw === null || raw === undefined ? '' : normaliseKey(raw, fold);
        if (key === '') {
          counts.blankKeys++;
          continue;
        }
        const values = at.map((i, n) => toStored(row[i] ?? null, attributes[n]!.type));
        if (insert.run(key, ...values).changes === 0) {
          counts.duplicates++;
          if (duplicateKeys.length < REPORT_KEYS && !duplicateKeys.includes(key)) duplicateKeys.push(key);
        }
      }
    };
    for await (const batch of o.connector.read({ table: source.table ?? '', columns, keyColumn: source.join.column, signal })) {
      if (signal.aborted) throw new CancelledError('Sync cancelled');
      await writeWhenFree(db, () => writeBatch(batch));
      counts.rows += batch.length;
      o.onRows?.(counts.rows);
    }
    if (signal.aborted) throw new CancelledError('Sync cancelled');

    const profiles = source.entity;
    const profileKey = profileKeySql(profiles, source.join.attribute, fold);
    const keysOfProfiles = `SELECT ${profileKey} FROM ${profiles} WHERE ${source.join.attribute} IS NOT NULL`;
    const total = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    counts.matched = db.prepare(`SELECT count(*) FROM "${table}" WHERE key IN (${keysOfProfiles})`).pluck().get() as number;
    counts.unmatched = total - counts.matched;
    const unmatchedKeys = db
      .prepare(`SELECT key FROM "${table}" WHERE key NOT IN (${keysOfProfiles}) LIMIT ${REPORT_KEYS}`)
      .pluck()
      .all() as string[];

    const finished = o.now();
    const report = { unmatchedKeys, duplicateKeys };
    // The switch: readers see the old values until this commits, the new ones after.
    await writeWhenFree(db, () => {
      const current = db.prepare('SELECT values_table FROM sources WHERE id = ?').pluck().get(source.id) as string | null | undefined;
      if (current === undefined) throw new Error(`The source "${source.name}" was removed during its sync`);
      db.prepare('UPDATE sources SET values_table = ? WHERE id = ?').run(table, source.id);
      // How varied each text attribute is decides whether clients offer its values as a set.
      for (const a of attributes.filter((x) => x.type === 'text' || x.type === 'boolean')) {
        const distinct = db.prepare(`SELECT count(DISTINCT ${valueColumn(a.name)} COLLATE NOCASE) FROM "${table}"`).pluck().get() as number;
        db.prepare('UPDATE source_attributes SET distinct_values = ? WHERE source_id = ? AND name = ?').run(distinct, source.id, a.name);
      }
      if (current !== null) db.exec(`DROP TABLE IF EXISTS "${current}"`);
      db.prepare(
        `UPDATE sync_runs SET status = 'ok', finished_at = ?, rows = ?, matched = ?, unmatched = ?, duplicates = ?,
         blank_keys = ?, duration_ms = ?, report = ? WHERE id = ?`,
      ).run(finished, counts.rows, counts.matched, counts.unmatched, counts.duplicates, counts.blankKeys, finished - started, JSON.stringify(report), runId);
    });
    return {
      id: runId,
      source: source.name,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      status: 'ok',
      trigger: o.trigger,
      ...counts,
      durationMs: finished - started,
      error: null,
      ...report,
    };
  } catch (err) {
    const finished = o.now();
    const status = isCancelled(err) ? 'cancelled' : 'failed';
    const message = err instanceof Error ? err.message : String(err);
    await writeWhenFree(db, () => {
      db.exec(`DROP TABLE IF EXISTS "${table}"`);
      db.prepare(
        `UPDATE sync_runs SET status = ?, finished_at = ?, rows = ?, duplicates = ?, blank_keys = ?, duration_ms = ?, error = ? WHERE id = ?`,
      ).run(status, finished, counts.rows, counts.duplicates, counts.blankKeys, finished - started, message, runId);
    }).catch(() => undefined);
    throw err;
  }
}

/**
 * Runs left 'running' by a process that is gone (killed mid-sync): marked failed, their
 * half-written tables dropped. Their previous values were never touched.
 */
export function sweepInterruptedSyncs(db: Db, now: number): void {
  const runs = db.prepare(`SELECT id, source_id, pid FROM sync_runs WHERE status = 'running'`).all() as Array<{ id: number; source_id: number; pid: number | null }>;
  for (const run of runs) {
    if (run.pid !== null && run.pid !== process.pid && isAlive(run.pid)) continue;
    if (run.pid === process.pid) continue;
    db.exec(`DROP TABLE IF EXISTS "source_values_${run.source_id}_${run.id}"`);
    db.prepare(`UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(
      now,
      'Interrupted: the app or the command running it stopped',
      run.id,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
