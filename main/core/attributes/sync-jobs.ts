/**
 * Syncs as jobs (ARCHITECTURE.md §4, §10): `sources.sync`, the first sync after `sources.save`
 * and the scheduler all start them here. One sync per source at a time: asking again while
 * one runs returns the running job. When a sync ends, everything that caches profile values or
 * attribute lists hears of it.
 */
import type { SyncReport, SyncRun } from '../../../common/attributes';
import type { SyncFinished } from '../../../common/types';
import type { EventBus } from '../events';
import type { JobManager } from '../jobs/jobs';
import type { BlockReader } from '../query/blocks';
import type { AttributeCatalog } from './catalog';
import type { ConnectorHost, SourceLocation } from './connectors';
import type { SourceRecord, SourceStore } from './source-store';
import { runSyncThread } from './sync-thread';

export interface SyncJobsDeps {
  host: ConnectorHost;
  sources: SourceStore;
  jobs: JobManager;
  events: EventBus;
  catalog: AttributeCatalog;
  blocks: BlockReader;
  now: () => number;
}

/** Where a saved source's rows are read from. */
export function locationOf(host: ConnectorHost, source: SourceRecord): SourceLocation {
  if (source.kind === 'csv') return { kind: 'csv', path: source.path!, display: source.path!.split(/[\\/]/).pop()! };
  const connection = host.connections.byId(source.connectionId!);
  return { kind: source.kind, connection: connection?.name ?? `#${source.connectionId}` };
}

export class SyncJobs {
  /** Source id → its running sync's job id. */
  private readonly running = new Map<number, string>();

  constructor(private readonly deps: SyncJobsDeps) {}

  jobOf(sourceId: number): string | null {
    return this.running.get(sourceId) ?? null;
  }

  /** Starts a sync of the source (or returns the one running). */
  start(source: SourceRecord, trigger: SyncRun['trigger']): string {
    const running = this.running.get(source.id);
    if (running) return running;
    const { deps } = this;
    const jobId = deps.jobs.start('sync', source.name, async (job) => {
      try {
        // Off the host thread: the grid stays served while the rows are read and written.
        return await runSyncThread({
          host: deps.host,
          source,
          location: locationOf(deps.host, source),
          trigger,
          signal: job.signal,
          now: deps.now,
          onRows: (rows) => job.progress({ file: source.name, bytes: 0, totalBytes: 0, events: rows, rows, state: 'running' }),
        });
      } finally {
        this.running.delete(source.id);
        deps.catalog.invalidate();
        deps.blocks.clear();
        deps.events.emit('profiles.changed', { kinds: [source.entity === 'users' ? 'user' : 'account'] });
        deps.events.emit('sources.changed', {});
      }
    });
    this.running.set(source.id, jobId);
    return jobId;
  }

  /** Starts a sync and waits for its end (the scheduler, which runs one source at a time). */
  run(source: SourceRecord, trigger: SyncRun['trigger']): Promise<SyncReport | null> {
    const jobId = this.start(source, trigger);
    return this.deps.jobs.finished<SyncFinished>(jobId).then((f) => (f.ok ? f.result : null));
  }

  /** Cancels the source's running sync, if any. */
  cancel(sourceId: number): void {
    const jobId = this.running.get(sourceId);
    if (jobId) this.deps.jobs.cancel(jobId);
  }
}
