/**
 * When sources sync by themselves (ARCHITECTURE.md §10), while the app or `serve` runs.
 *
 * Every schedule is an interval measured from the start of the source's last sync (from its
 * creation when it never synced): hourly = 60 minutes, daily = 24 hours, `{ everyMinutes: N }`
 * = N minutes. Not calendar times ("on the hour", "at midnight"): a schedule has no time of day
 * to anchor to, intervals never depend on the machine's time zone or daylight-saving changes,
 * and an app closed past a due time simply finds the source overdue at launch and syncs it once
 * (catch-up), never once per missed slot. So croner's calendar patterns are not needed here.
 */
import type { Schedule } from '../../../common/attributes';

const MINUTE = 60_000;

export function scheduleIntervalMs(schedule: Schedule): number | null {
  if (schedule === 'manual') return null;
  if (schedule === 'hourly') return 60 * MINUTE;
  if (schedule === 'daily') return 24 * 60 * MINUTE;
  return schedule.everyMinutes * MINUTE;
}

/** When the source is next due (ms since epoch; may be in the past: overdue), or null for manual. */
export function nextSyncAt(schedule: Schedule, lastStartedAt: number | null, createdAt: number): number | null {
  const interval = scheduleIntervalMs(schedule);
  return interval === null ? null : (lastStartedAt ?? createdAt) + interval;
}

/** setTimeout's delay is a signed 32-bit ms count (~24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * A run that ended with its source still due before the run began (it failed before the
 * engine recorded its start) waits this long before the next try, rather than looping.
 */
export const RETRY_MS = MINUTE;

export interface ScheduledSource {
  name: string;
  nextAt: number | null;
}

export interface SchedulerOptions<Handle = unknown> {
  now: () => number;
  setTimer?: (fn: () => void, ms: number) => Handle;
  clearTimer?: (handle: Handle) => void;
  /** Every source with its next due time (re-read after each run and on reschedule). */
  due: () => ScheduledSource[];
  /** Syncs one source; resolves when the sync ended (whatever its outcome). */
  run: (name: string) => Promise<void>;
  /** A run or `due` that threw: the scheduler goes on; the host logs it. */
  onError?: (err: unknown, name: string | null) => void;
}

/**
 * Runs due sources: at `start()` every overdue one at once (catch-up at launch), then sleeps
 * until the earliest next due time. Never runs the source it is already running, never fires
 * after `stop()`. Call `reschedule()` when sources or schedules change (a source added, edited,
 * removed, or synced by hand).
 */
export class SyncScheduler<Handle = unknown> {
  private readonly setTimer: (fn: () => void, ms: number) => Handle;
  private readonly clearTimer: (handle: Handle) => void;
  private timer: { handle: Handle } | null = null;
  private started = false;
  private stopped = false;
  private readonly running = new Set<string>();
  /** When each source's last run by this scheduler began. */
  private readonly launchedAt = new Map<string, number>();

  constructor(private readonly opts: SchedulerOptions<Handle>) {
    // The default timer doesn't keep a CLI or test process alive on its own.
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref() as Handle);
    this.clearTimer = opts.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.tick();
  }

  reschedule(): void {
    if (this.started) this.tick();
  }

  /** No run starts after this; runs in progress finish (cancel them as jobs if need be). */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** Sources this scheduler is running now. */
  get active(): string[] {
    return [...this.running];
  }

  private tick(): void {
    if (this.stopped) return;
    this.disarm();
    let sources: ScheduledSource[];
    try {
      sources = this.opts.due();
    } catch (err) {
      this.opts.onError?.(err, null);
      this.arm(this.opts.now() + RETRY_MS);
      return;
    }
    const now = this.opts.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const { name, nextAt } of sources) {
      if (nextAt === null || this.running.has(name)) continue;
      const at = this.effectiveNextAt(name, nextAt);
      if (at <= now) this.launch(name, now);
      else earliest = Math.min(earliest, at);
    }
    if (earliest !== Number.POSITIVE_INFINITY) this.arm(earliest);
  }

  /** A source still due from before its last run began failed to record that run: retry later, not in a loop. */
  private effectiveNextAt(name: string, nextAt: number): number {
    const launched = this.launchedAt.get(name);
    return launched !== undefined && nextAt <= launched ? Math.max(nextAt, launched + RETRY_MS) : nextAt;
  }

  private launch(name: string, now: number): void {
    this.running.add(name);
    this.launchedAt.set(name, now);
    let ran: Promise<void>;
    try {
      ran = this.opts.run(name);
    } catch (err) {
      ran = Promise.reject(err);
    }
    ran
      .catch((err: unknown) => this.opts.onError?.(err, name))
      .finally(() => {
        this.running.delete(name);
        this.tick();
      });
  }

  private arm(at: number): void {
    // A run that reschedules from inside tick() may have armed one already.
    this.disarm();
    const delay = Math.min(Math.max(0, at - this.opts.now()), MAX_TIMER_MS);
    // A capped timer just wakes the scheduler early: tick() re-reads the clock and re-arms.
    this.timer = { handle: this.setTimer(() => this.fire(), delay) };
  }

  private fire(): void {
    this.timer = null;
    this.tick();
  }

  private disarm(): void {
    if (this.timer !== null) this.clearTimer(this.timer.handle);
    this.timer = null;
  }
}
