/**
 * Seeded randomness for the sample generator. Everything derives from the seed through
 * `hash` and `seeded` streams (so a user's traits can be recomputed from (seed, user index) at
 * any time without keeping them in memory).
 * Never Math.random: the same seed must give byte-identical files.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * sfc32: 128 bits of state. Used for everything that draws ids: mulberry32's 32-bit state walks
 * one shared sequence, so two seeds a few hundred steps apart replay each other's draws, and
 * with a million sessions some would share view and session UUIDs.
 */
export function sfc32(a: number, b: number, c: number, d: number): Rng {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * An independent stream for the given parts (e.g. seed, purpose, user, session). The four
 * state words come from four hash chains with different starting values: one 32-bit chain
 * would collide for ~1 in 4 billion pairs of inputs (hundreds of pairs among a million
 * sessions), and a collision mid-chain can't be undone by appending more parts.
 */
export function seeded(...parts: number[]): Rng {
  const rng = sfc32(hashFrom(0x243f6a88, parts), hashFrom(0x85a308d3, parts), hashFrom(0x13198a2e, parts), hashFrom(0x03707344, parts));
  for (let i = 0; i < 12; i++) rng(); // mix the seed words
  return rng;
}

/** murmur3's finaliser: a cheap avalanche so neighbouring inputs give unrelated outputs. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashFrom(init: number, parts: readonly number[]): number {
  let h = init;
  for (const p of parts) h = fmix((h ^ (p >>> 0)) + Math.imul(h, 31) + ((p / 4294967296) >>> 0));
  return h;
}

/** Combines integers into one well-mixed uint32 (order matters). */
export const hash = (...parts: number[]): number => hashFrom(0x9e3779b9, parts);

/** A float in [0, 1) determined by the parts. */
export const hashFloat = (...parts: number[]): number => hash(...parts) / 4294967296;

export const int = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));

export const chance = (rng: Rng, p: number): boolean => rng() < p;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Picks from `[item, weight]` pairs. */
export function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Rounds up or down at random so that the mean is preserved (2.3 → 3 with p = 0.3). */
export const stochasticRound = (rng: Rng, x: number): number => {
  const f = Math.floor(x);
  return f + (rng() < x - f ? 1 : 0);
};

/** Exponential with mean 1; `1 - rng()` avoids log(0). */
export const exponential = (rng: Rng): number => -Math.log(1 - rng());

// Number#toString(16) is slow; a byte table makes UUIDs ~10× cheaper.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number): string => HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

/** A v4-shaped UUID string from four draws. */
export function uuid(rng: Rng): string {
  const a = rng() * 4294967296;
  const b = rng() * 4294967296;
  const c = rng() * 4294967296;
  const d = rng() * 4294967296;
  return (
    hex4(a >>> 16) + hex4(a) + '-' + hex4(b >>> 16) + '-4' + HEX[(b >>> 8) & 15]!.slice(1) + HEX[b & 255] + '-' +
    HEX[(c >>> 24) & 63 | 128] + HEX[(c >>> 16) & 255] + '-' + hex4(c) + hex4(d >>> 16) + hex4(d)
  );
}
