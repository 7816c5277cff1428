/**
 * A filter's matches as a set of ids, composed the way its SQL is: `and` intersects, `or`
 * unites, `not` complements. compileFilter keeps a row when its expression is TRUE, and writes
 * `not x` as `NOT coalesce(x, 0)` (TRUE when x is FALSE or NULL), so the rows of every node are
 * exactly these set operations on the rows of its parts. Each part is read through its own
 * index (a country, a range of sessions, the FTS index) and cached, so editing a query re-reads
 * only the parts that changed, and an AND never tests one part row by row against the table.
 */

/** One byte per id up to the largest member (`bits`); `negated`: every id except those. */
export interface MatchSet {
  bits: Uint8Array;
  negated: boolean;
}

export const NONE: MatchSet = { bits: new Uint8Array(0), negated: false };
export const ALL: MatchSet = { bits: new Uint8Array(0), negated: true };

/** The set of `ids`. */
export function toMatchSet(ids: Int32Array): MatchSet {
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  const bits = new Uint8Array(max + 1);
  for (let i = 0; i < ids.length; i++) bits[ids[i]!] = 1;
  return { bits, negated: false };
}

/** How many ids the set holds of `total` existing ones (its members are existing ids). */
export function sizeOf(s: MatchSet, total: number): number {
  let n = 0;
  for (let i = 0; i < s.bits.length; i++) n += s.bits[i]!;
  return s.negated ? total - n : n;
}

export const complement = (s: MatchSet): MatchSet => ({ bits: s.bits, negated: !s.negated });

/** A ∧ B: of the positive sets, the ids in all and in none of the negated ones' bits. */
export function intersect(sets: MatchSet[]): MatchSet {
  const included = sets.filter((s) => !s.negated);
  const excluded = sets.filter((s) => s.negated);
  // Only negated sets: ¬A ∧ ¬B = ¬(A ∨ B).
  if (included.length === 0) return { bits: orBits(excluded.map((s) => s.bits)), negated: true };
  const length = Math.min(...included.map((s) => s.bits.length));
  const bits = new Uint8Array(length);
  bits.set(included[0]!.bits.subarray(0, length));
  for (const s of included.slice(1)) for (let i = 0; i < length; i++) bits[i] = bits[i]! & s.bits[i]!;
  for (const s of excluded) for (let i = 0; i < Math.min(length, s.bits.length); i++) bits[i] = bits[i]! & (1 - s.bits[i]!);
  return { bits, negated: false };
}

/** A ∨ B = ¬(¬A ∧ ¬B). */
export const unite = (sets: MatchSet[]): MatchSet =>
  sets.length === 0 ? NONE : complement(intersect(sets.map(complement)));

function orBits(all: Uint8Array[]): Uint8Array {
  const bits = new Uint8Array(Math.max(0, ...all.map((b) => b.length)));
  for (const b of all) for (let i = 0; i < b.length; i++) bits[i] = bits[i]! | b[i]!;
  return bits;
}

/** The ids of `order` in `matches`, in the order's order (one pass, then a copy of the matches). */
export function inOrder(order: Int32Array, matches: MatchSet): Int32Array {
  const { bits, negated } = matches;
  const member = negated ? 0 : 1;
  const all = new Int32Array(order.length);
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    if ((bits[id] ?? 0) === member) all[n++] = id;
  }
  return all.slice(0, n);
}

/**
 * The members at positions [offset, offset + limit) of `order` filtered by `matches`, counted
 * from its start (`asc`) or its end (`desc`): a block near either end without the whole list.
 */
export function blockInOrder(order: Int32Array, matches: MatchSet, dir: 'asc' | 'desc', offset: number, limit: number): number[] {
  const { bits, negated } = matches;
  const member = negated ? 0 : 1;
  const ids: number[] = [];
  let seen = 0;
  const n = order.length;
  for (let i = 0; i < n && ids.length < limit; i++) {
    const id = order[dir === 'asc' ? i : n - 1 - i]!;
    if ((bits[id] ?? 0) !== member) continue;
    if (seen++ >= offset) ids.push(id);
  }
  return ids;
}
