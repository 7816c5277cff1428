/**
 * One sync of a source (ARCHITECTURE.md §10): read the whole table from its connector, keep the
 * first row of each join key, convert every value to its attribute's type, and switch the
 * source to the new values in one transaction.
 *
 * The rows are staged in a TEMP table of the sync's own connection while they arrive (no write
 * lock held, so imports and the grid's small writes go on). One transaction then builds the new
 * values table (`source_values_<source>_<run>`) from them and switches the source to it: a
 * sync that fails, is cancelled or is killed leaves the previous table in place, and a killed
 * one leaves nothing behind but its run, marked failed at the next open (sweepInterruptedSyncs).
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
  const attributes = source.attributes;
  const columnsSql = attributes.map((a) => `${valueColumn(a.name)} ${SQL_TYPES[a.type]}`).join(', ');
  try {
    // Rows are staged in arrival order in a TEMP table: private to this connection, outside the
    // store's write lock, and gone with the process if it is killed. Inserting them straight
    // into the key-ordered table scattered every batch over thousands of pages (4x slower).
    db.exec(`DROP TABLE IF EXISTS temp.stage; CREATE TEMP TABLE stage (n INTEGER PRIMARY KEY, key TEXT NOT NULL, ${columnsSql})`);
    const columns = [...new Set([source.join.column, ...attributes.map((a) => a.column)])];
    const at = attributes.map((a) => columns.indexOf(a.column));
    const fold = foldsCase(source.join.attribute);
    const stage = db.prepare(`INSERT INTO temp.stage VALUES (NULL, ?${', ?'.repeat(attributes.length)})`);
    const stageBatch = db.transaction((batch: RawValue[][]) => {
      for (const row of batch) {
        const raw = row[0];
        const key = raw === null || raw === undefined ? '' : normaliseKey(raw, fold);
        if (key === '') counts.blankKeys++;
        else stage.run(key, ...at.map((i, n) => toStored(row[i] ?? null, attributes[n]!.type)));
      }
    });
    for await (const batch of o.connector.read({ table: source.table ?? '', columns, keyColumn: source.join.column, signal })) {
      if (signal.aborted) throw new CancelledError('Sync cancelled');
      stageBatch(batch);
      counts.rows += batch.length;
      o.onRows?.(counts.rows);
    }
    if (signal.aborted) throw new CancelledError('Sync cancelled');

    const staged = counts.rows - counts.blankKeys;
    // The profiles' keys, once, for both the matched count and the unmatched sample.
    const profiles = source.entity;
    db.exec(`DROP TABLE IF EXISTS temp.profile_keys; CREATE TEMP TABLE profile_keys (key TEXT PRIMARY KEY) WITHOUT ROWID`);
    db.exec(
      `INSERT OR IGNORE INTO temp.profile_keys SELECT ${profileKeySql(profiles, source.join.attribute, fold)} FROM main.${profiles} ` +
        `WHERE ${source.join.attribute} IS NOT NULL`,
    );

    // One transaction builds the new values (key order: sequential pages; n order within a key:
    // the first row wins) and switches the source to them. Readers see the old values until
    // it commits, the new ones after; a failure or a kill leaves the old ones.
    const built = await writeWhenFree(db, () => {
      const current = db.prepare('SELECT values_table FROM sources WHERE id = ?').pluck().get(source.id) as string | null | undefined;
      if (current === undefined) throw new Error(`The source "${source.name}" was removed during its sync`);
      db.exec(`CREATE TABLE "${table}" (key TEXT PRIMARY KEY NOT NULL, ${columnsSql}) WITHOUT ROWID`);
      const kept = db.prepare(`INSERT OR IGNORE INTO "${table}" SELECT key, ${attributes.map((a) => valueColumn(a.name)).join(', ')} FROM temp.stage ORDER BY key, n`).run().changes;
      counts.duplicates = staged - kept;
      counts.matched = db.prepare(`SELECT count(*) FROM "${table}" v JOIN temp.profile_keys p ON p.key = v.key`).pluck().get() as number;
      counts.unmatched = kept - counts.matched;
      const keys = {
        unmatchedKeys: db
          .prepare(`SELECT key FROM "${table}" v WHERE NOT EXISTS (SELECT 1 FROM temp.profile_keys p WHERE p.key = v.key) LIMIT ${REPORT_KEYS}`)
          .pluck()
          .all() as string[],
        duplicateKeys: (counts.duplicates === 0
          ? []
          : db.prepare(`SELECT key FROM temp.stage GROUP BY key HAVING count(*) > 1 ORDER BY min(n) LIMIT ${REPORT_KEYS}`).pluck().all()) as string[],
      };
      db.prepare('UPDATE sources SET values_table = ? WHERE id = ?').run(table, source.id);
      if (current !== null) db.exec(`DROP TABLE IF EXISTS "${current}"`);
      // How varied each text attribute is decides whether clients offer its values as a set.
      for (const a of attributes.filter((x) => x.type === 'text' || x.type === 'boolean')) {
        const distinct = db.prepare(`SELECT count(DISTINCT ${valueColumn(a.name)} COLLATE NOCASE) FROM "${table}"`).pluck().get() as number;
        db.prepare('UPDATE source_attributes SET distinct_values = ? WHERE source_id = ? AND name = ?').run(distinct, source.id, a.name);
      }
      // The build is part of the sync's time: it is read last.
      const finished = o.now();
      db.prepare(
        `UPDATE sync_runs SET status = 'ok', finished_at = ?, rows = ?, matched = ?, unmatched = ?, duplicates = ?,
         blank_keys = ?, duration_ms = ?, report = ? WHERE id = ?`,
      ).run(finished, counts.rows, counts.matched, counts.unmatched, counts.duplicates, counts.blankKeys, finished - started, JSON.stringify(keys), runId);
      return { keys, finished };
    });
    const { keys: report, finished } = built;
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
      db.prepare(
        `UPDATE sync_runs SET status = ?, finished_at = ?, rows = ?, blank_keys = ?, duration_ms = ?, error = ? WHERE id = ?`,
      ).run(status, finished, counts.rows, counts.blankKeys, finished - started, message, runId);
    }).catch(() => undefined);
    throw err;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.stage; DROP TABLE IF EXISTS temp.profile_keys');
  }
}

/**
 * Runs left 'running' by a process that is gone (killed mid-sync): marked failed. Their staged
 * rows went with the process; their previous values were never touched.
 */
export function sweepInterruptedSyncs(db: Db, now: number): void {
  const runs = db.prepare(`SELECT id, pid FROM sync_runs WHERE status = 'running'`).all() as Array<{ id: number; pid: number | null }>;
  for (const run of runs) {
    if (run.pid !== null && run.pid !== process.pid && isAlive(run.pid)) continue;
    if (run.pid === process.pid) continue;
    db.prepare(`UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(
      now,
      'Interrupted: the app or the command running it stopped',
      run.id,
    );
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
