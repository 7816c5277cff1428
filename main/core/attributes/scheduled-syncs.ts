/**
 * Scheduled syncs while the app or `serve` runs (ARCHITECTURE.md §10): overdue sources sync at
 * launch, then each when its schedule comes due; saving or removing a source reschedules.
 */
import type { EventBus } from '../events';
import { nextSyncAt, SyncScheduler } from './schedule';
import type { SourceStore } from './source-store';
import type { SyncJobs } from './sync-jobs';

export interface ScheduledSyncsDeps {
  sources: SourceStore;
  syncs: SyncJobs;
  events: EventBus;
  now: () => number;
  log: (line: string) => void;
}

export function startScheduledSyncs(deps: ScheduledSyncsDeps): { stop(): void } {
  const { sources, syncs, events } = deps;
  const scheduler = new SyncScheduler({
    now: deps.now,
    due: () =>
      sources.list().map((s) => {
        const last = sources.lastRun(s.id);
        return { name: s.name, nextAt: nextSyncAt(s.schedule, last ? Date.parse(last.startedAt) : null, s.createdAt) };
      }),
    run: async (name) => {
      const source = sources.find(name);
      if (!source) return;
      const report = await syncs.run(source, 'schedule');
      if (report === null) deps.log(`Scheduled sync of "${name}" failed (see its history)`);
    },
  });
  const off = events.subscribe((m) => {
    if (m.event === 'sources.changed') scheduler.reschedule();
  });
  scheduler.start();
  return {
    stop() {
      off();
      scheduler.stop();
    },
  };
}
