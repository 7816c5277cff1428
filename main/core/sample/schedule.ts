/**
 * The scheduler behind generateEvents. Sessions come out in order of their start time across
 * all users (like a time-sorted export), each session's events together and time-ordered. A min-heap over users holds each user's next
 * session start in typed arrays, so memory is O(users) numbers and O(1) in events; user traits
 * are recomputed from (seed, index) when needed. Event counts are steered to the requested total
 * by giving each session the remaining events / remaining sessions as its budget.
 */
import { hash, hashFloat, seeded } from './prng';
import { buildSession, type RumEvent, type SessionKind } from './session';
import { botTraits, userSchedule, userTraits, type Context } from './users';

export interface GenerateOptions {
  /** About this many distinct `usr.id`s (capped at `events`). */
  users: number;
  /** About this many events. */
  events: number;
  seed?: number;
  /** Start of the covered period, ms since epoch; default 2025-01-01T00:00:00Z. */
  startMs?: number;
  /** Length of the covered period in days; default 90. */
  days?: number;
}

export const DEFAULT_START_MS = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
/** Typical events per session when there are enough events per user to afford it. */
const EVENTS_PER_SESSION = 12;
const T_SESSION = 10;
const T_NEXT = 11;
const T_BOT = 12;
const BOTS = 5;

export function validateOptions(opts: GenerateOptions): void {
  const positiveInt = (name: string, v: unknown): void => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${String(v)}`);
    }
  };
  positiveInt('users', opts.users);
  positiveInt('events', opts.events);
  if (opts.days !== undefined && !(opts.days > 0)) throw new RangeError(`days must be > 0, got ${opts.days}`);
  if (opts.seed !== undefined && !Number.isFinite(opts.seed)) throw new RangeError('seed must be a number');
  if (opts.startMs !== undefined && !Number.isFinite(opts.startMs)) throw new RangeError('startMs must be a number');
}

export function* generateEvents(opts: GenerateOptions): Generator<RumEvent> {
  validateOptions(opts);
  const seed = (opts.seed ?? 1) >>> 0;
  const startMs = opts.startMs ?? DEFAULT_START_MS;
  const endMs = startMs + (opts.days ?? 90) * DAY;
  const users = Math.min(opts.users, opts.events);
  const perUser = opts.events / users;
  // Even when events are scarce, some users come back (but never more sessions than events).
  const meanSessions = Math.min(60, Math.max(Math.min(1.3, Math.max(1, perUser / 2)), perUser / EVENTS_PER_SESSION));
  const ctx: Context = { seed, startMs, endMs, meanSessions, accounts: Math.max(1, Math.round(users / 25)) };

  // Per user: next session start, end of the active window, sessions left and done.
  const next = new Float64Array(users);
  const end = new Float64Array(users);
  const left = new Int32Array(users);
  const done = new Int32Array(users);
  let remainingSessions = 0;
  for (let u = 0; u < users; u++) {
    const s = userSchedule(ctx, u);
    end[u] = s.end;
    left[u] = s.sessions;
    remainingSessions += s.sessions;
    next[u] = nextStart(ctx, u, 0, s.start, s.end, s.sessions);
  }
  const heap = new MinHeap(next, users);
  let remainingEvents = opts.events;

  while (heap.size > 0) {
    const u = heap.peek();
    const t = Math.floor(next[u]!);
    const ordinal = done[u]!;
    const rng = seeded(seed, T_SESSION, u, ordinal);
    const budget = () => Math.max(0.5, remainingEvents / Math.max(1, remainingSessions)) * (0.3 + 0.7 * -Math.log(1 - rng()));
    const traits = userTraits(ctx, u, userSchedule(ctx, u));
    // Robots: ~1% extra synthetics sessions (own test users) and ~0.3% ci_test sessions (logged
    // in as a real user), which an importer must leave out.
    const extra: SessionKind | null = rng() < 0.01 ? 'synthetics' : rng() < 0.003 ? 'ci_test' : null;
    if (extra) {
      const user = extra === 'synthetics' ? botTraits(ctx, hash(seed, T_BOT, u, ordinal) % BOTS) : traits;
      const events = buildSession({ rng, user, kind: extra, start: t, budget: budget(), endMs });
      remainingEvents -= events.length;
      yield* events;
    }
    const events = buildSession({ rng, user: traits, kind: 'user', start: t, budget: budget(), endMs });
    remainingEvents -= events.length;
    remainingSessions--;
    yield* events;

    done[u] = ordinal + 1;
    left[u] = left[u]! - 1;
    if (left[u]! > 0) {
      next[u] = nextStart(ctx, u, ordinal + 1, t, end[u]!, left[u]!);
      heap.topChanged();
    } else {
      heap.pop();
    }
  }
}

/**
 * The next of `k` sorted uniform times in [from, to]: the minimum of k uniforms is
 * from + (to - from) · (1 − U^(1/k)). Drawing them one by one keeps no list per user.
 */
function nextStart(ctx: Context, u: number, ordinal: number, from: number, to: number, k: number): number {
  const x = hashFloat(ctx.seed, T_NEXT, u, ordinal);
  return from + (to - from) * (1 - Math.pow(1 - x, 1 / k));
}

/** A binary min-heap of user indices keyed by `keys[index]`, ties by index (determinism). */
class MinHeap {
  private readonly items: Int32Array;
  size: number;

  constructor(private readonly keys: Float64Array, n: number) {
    this.items = new Int32Array(n);
    for (let i = 0; i < n; i++) this.items[i] = i;
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
  }

  peek(): number {
    return this.items[0]!;
  }

  /** The top's key changed (grew): restore order. */
  topChanged(): void {
    this.down(0);
  }

  pop(): void {
    this.size--;
    this.items[0] = this.items[this.size]!;
    if (this.size > 0) this.down(0);
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private down(i: number): void {
    const { items, size } = this;
    const item = items[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(items[child + 1]!, items[child]!)) child++;
      if (!this.less(items[child]!, item)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = item;
  }
}
