import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../common/attributes';
import { MAX_TIMER_MS, RETRY_MS, SyncScheduler, nextSyncAt, type ScheduledSource } from './schedule';

const T0 = Date.UTC(2025, 0, 10, 9, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('nextSyncAt', () => {
  it('is null for manual sources', () => {
    expect(nextSyncAt('manual', T0, T0)).toBeNull();
    expect(nextSyncAt('manual', null, T0)).toBeNull();
  });

  it('measures from the last sync start, or from creation when never synced', () => {
    const created = T0 - 10 * HOUR;
    expect(nextSyncAt('hourly', T0, created)).toBe(T0 + HOUR);
    expect(nextSyncAt('daily', T0, created)).toBe(T0 + 24 * HOUR);
    expect(nextSyncAt({ everyMinutes: 15 }, T0, created)).toBe(T0 + 15 * MIN);
    expect(nextSyncAt('hourly', null, created)).toBe(created + HOUR);
    expect(nextSyncAt({ everyMinutes: 90 }, null, created)).toBe(created + 90 * MIN);
  });

  it('is in the past when overdue (one catch-up, not one per missed interval)', () => {
    expect(nextSyncAt('hourly', T0 - 5 * HOUR, T0 - 9 * HOUR)).toBe(T0 - 4 * HOUR);
  });
});

/** A clock and timers the test moves by hand. */
class FakeTime {
  now = T0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  readonly delays: number[] = [];

  setTimer = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.delays.push(ms);
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  };

  clearTimer = (id: number): void => {
    this.timers.delete(id);
  };

  get pending(): number {
    return this.timers.size;
  }

  /** Moves the clock, firing each timer due on the way at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (next === undefined) break;
      this.timers.delete(next[0]);
      this.now = Math.max(this.now, next[1].at);
      next[1].fn();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** Sources whose next time follows from their schedule and the runs the scheduler made. */
function harness(sources: Array<{ name: string; schedule: Schedule; last: number | null; created?: number }>, runMs = 0) {
  const time = new FakeTime();
  const runs: Array<{ name: string; at: number }> = [];
  const inFlight = new Map<string, () => void>();
  const state = new Map(sources.map((s) => [s.name, { ...s, created: s.created ?? T0 - 100 * HOUR }]));
  const due = (): ScheduledSource[] => [...state.values()].map((s) => ({ name: s.name, nextAt: nextSyncAt(s.schedule, s.last, s.created) }));
  const run = (name: string): Promise<void> => {
    runs.push({ name, at: time.now });
    state.get(name)!.last = time.now;
    if (runMs === 0) return Promise.resolve();
    return new Promise<void>((resolve) => inFlight.set(name, resolve));
  };
  const scheduler = new SyncScheduler({ now: () => time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, due, run });
  const finish = async (name: string) => {
    inFlight.get(name)!();
    inFlight.delete(name);
    await settle();
  };
  return { time, runs, state, scheduler, finish };
}

describe('SyncScheduler', () => {
  it('catches up every overdue source at start, then sleeps until the earliest due time', async () => {
    const h = harness([
      { name: 'crm', schedule: 'hourly', last: T0 - 3 * HOUR },
      { name: 'warehouse', schedule: 'daily', last: T0 - 2 * 24 * HOUR },
      { name: 'fresh', schedule: { everyMinutes: 30 }, last: T0 - 10 * MIN },
      { name: 'by-hand', schedule: 'manual', last: null },
    ]);
    h.scheduler.start();
    await settle();
    expect(h.runs.map((r) => r.name).sort()).toEqual(['crm', 'warehouse']);
    expect(h.time.pending).toBe(1);

    // "fresh" is due 20 minutes after launch, then every 30.
    await h.time.advance(20 * MIN);
    expect(h.runs.slice(2)).toEqual([{ name: 'fresh', at: T0 + 20 * MIN }]);
    await h.time.advance(40 * MIN);
    expect(h.runs.slice(3)).toEqual([
      { name: 'fresh', at: T0 + 50 * MIN },
      { name: 'crm', at: T0 + HOUR },
    ]);
    expect(h.runs.some((r) => r.name === 'by-hand')).toBe(false);
  });

  it('runs a source once however many intervals it missed', async () => {
    const h = harness([{ name: 'crm', schedule: { everyMinutes: 5 }, last: T0 - 1000 * MIN }]);
    h.scheduler.start();
    await settle();
    expect(h.runs).toEqual([{ name: 'crm', at: T0 }]);
    await h.time.advance(4 * MIN);
    expect(h.runs).toHaveLength(1);
    await h.time.advance(MIN);
    expect(h.runs).toHaveLength(2);
  });

  it('counts from creation for a source never synced', async () => {
    const h = harness([{ name: 'new', schedule: 'hourly', last: null, created: T0 - 20 * MIN }]);
    h.scheduler.start();
    await settle();
    expect(h.runs).toEqual([]);
    await h.time.advance(40 * MIN);
    expect(h.runs).toEqual([{ name: 'new', at: T0 + 40 * MIN }]);
  });

  it('never runs a source twice at once', async () => {
    const h = harness([{ name: 'slow', schedule: { everyMinutes: 5 }, last: T0 - HOUR }], 1);
    h.scheduler.start();
    await settle();
    expect(h.runs).toHaveLength(1);
    expect(h.scheduler.active).toEqual(['slow']);
    // Its next time passes while it is still running: no second run, even on reschedule.
    await h.time.advance(12 * MIN);
    h.scheduler.reschedule();
    await settle();
    expect(h.runs).toHaveLength(1);
    // Once it ends, the scheduler re-reads due(): the next run is 5 minutes after this one began.
    await h.finish('slow');
    expect(h.runs).toEqual([
      { name: 'slow', at: T0 },
      { name: 'slow', at: T0 + 12 * MIN },
    ]);
  });

  it('picks up changed schedules on reschedule()', async () => {
    const h = harness([{ name: 'crm', schedule: 'daily', last: T0 }]);
    h.scheduler.start();
    await settle();
    expect(h.time.delays).toEqual([24 * HOUR]);
    h.state.get('crm')!.schedule = { everyMinutes: 10 };
    h.scheduler.reschedule();
    await h.time.advance(10 * MIN);
    expect(h.runs).toEqual([{ name: 'crm', at: T0 + 10 * MIN }]);
    expect(h.time.pending).toBe(1);
  });

  it('never fires after stop()', async () => {
    const h = harness([{ name: 'crm', schedule: 'hourly', last: T0 }]);
    h.scheduler.start();
    await settle();
    h.scheduler.stop();
    expect(h.time.pending).toBe(0);
    await h.time.advance(48 * HOUR);
    h.scheduler.reschedule();
    h.scheduler.start();
    await settle();
    expect(h.runs).toEqual([]);
  });

  it('does not start another run when a run ends after stop()', async () => {
    const h = harness([{ name: 'a', schedule: { everyMinutes: 5 }, last: null, created: T0 - HOUR }], 1);
    h.scheduler.start();
    await settle();
    h.scheduler.stop();
    await h.time.advance(HOUR);
    await h.finish('a');
    expect(h.runs).toHaveLength(1);
    expect(h.time.pending).toBe(0);
  });

  it('caps a timer at setTimeout’s limit and re-arms when it wakes early', async () => {
    const h = harness([{ name: 'rare', schedule: { everyMinutes: 7 * 24 * 60 }, last: T0 }]);
    // A due time 40 days ahead, as a source's clock could give after a restore.
    h.state.get('rare')!.last = T0 + 33 * 24 * HOUR;
    h.scheduler.start();
    await settle();
    expect(h.time.delays).toEqual([MAX_TIMER_MS]);
    await h.time.advance(MAX_TIMER_MS);
    expect(h.runs).toEqual([]);
    expect(h.time.delays[1]).toBe(40 * 24 * HOUR - MAX_TIMER_MS);
    await h.time.advance(40 * 24 * HOUR - MAX_TIMER_MS);
    expect(h.runs).toEqual([{ name: 'rare', at: T0 + 40 * 24 * HOUR }]);
  });

  it('keeps going when a run fails, and retries a run that recorded nothing after a pause', async () => {
    const time = new FakeTime();
    const errors: Array<[string | null, string]> = [];
    let attempts = 0;
    const scheduler = new SyncScheduler({
      now: () => time.now,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
      // The engine never records the run (say the store was locked): the source stays overdue.
      due: () => [{ name: 'broken', nextAt: T0 - HOUR }],
      run: async () => {
        attempts++;
        throw new Error('store locked');
      },
      onError: (err, name) => errors.push([name, (err as Error).message]),
    });
    scheduler.start();
    await settle();
    expect(attempts).toBe(1);
    expect(errors).toEqual([['broken', 'store locked']]);
    await time.advance(RETRY_MS - 1);
    expect(attempts).toBe(1);
    await time.advance(1);
    expect(attempts).toBe(2);
    scheduler.stop();
  });

  it('survives due() throwing and tries again later', async () => {
    const time = new FakeTime();
    let broken = true;
    const ran: string[] = [];
    const errors: unknown[] = [];
    const scheduler = new SyncScheduler({
      now: () => time.now,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
      due: () => {
        if (broken) throw new Error('store closed');
        return [{ name: 'crm', nextAt: T0 }];
      },
      run: async (name) => void ran.push(name),
      onError: (err) => errors.push(err),
    });
    scheduler.start();
    expect(errors).toHaveLength(1);
    broken = false;
    await time.advance(RETRY_MS);
    expect(ran).toEqual(['crm']);
    scheduler.stop();
  });

  it('uses real timers by default without keeping the process alive', () => {
    const scheduler = new SyncScheduler({ now: Date.now, due: () => [{ name: 'later', nextAt: Date.now() + HOUR }], run: async () => {} });
    scheduler.start();
    scheduler.stop();
  });
});
