/** The pieces of in-memory blocks: parsing SQLite's joined ids, match sets, filtered orders. */
import { describe, expect, it } from 'vitest';
import { parseIds } from './id-query';
import { ALL, blockInOrder, complement, inOrder, intersect, NONE, sizeOf, toMatchSet, unite, type MatchSet } from './match-sets';

const ids = (...xs: number[]): MatchSet => toMatchSet(Int32Array.from(xs));
/** The members of a set among the ids 0..20, ascending. */
const members = (s: MatchSet): number[] => Array.from(inOrder(Int32Array.from({ length: 21 }, (_, i) => i), s));

describe('parseIds', () => {
  it('reads group_concat output, empty results and large ids', () => {
    expect(Array.from(parseIds('3,1,20,1000000'))).toEqual([3, 1, 20, 1_000_000]);
    expect(Array.from(parseIds('7'))).toEqual([7]);
    expect(parseIds(null).length).toBe(0);
    expect(Array.from(parseIds('2147483647'))).toEqual([2_147_483_647]);
  });
});

describe('match sets', () => {
  it('keep the order of the order, only the matching ids', () => {
    expect(Array.from(inOrder(Int32Array.from([5, 1, 9, 3, 2, 12]), ids(9, 2, 5)))).toEqual([5, 9, 2]);
    expect(inOrder(Int32Array.from([1, 3]), toMatchSet(new Int32Array(0))).length).toBe(0);
  });

  it('walk a block from either end of the order as the slice of the whole list', () => {
    const order = Int32Array.from([5, 1, 9, 3, 2, 12, 0, 7, 4]);
    for (const set of [ids(9, 2, 5, 7, 4), complement(ids(9, 2)), ALL, NONE]) {
      const list = Array.from(inOrder(order, set));
      for (const [offset, limit] of [[0, 2], [1, 3], [3, 10], [20, 2]] as const) {
        expect(blockInOrder(order, set, 'asc', offset, limit)).toEqual(list.slice(offset, offset + limit));
        expect(blockInOrder(order, set, 'desc', offset, limit)).toEqual([...list].reverse().slice(offset, offset + limit));
      }
    }
  });

  it('count their members among the existing ids', () => {
    expect(sizeOf(ids(1, 5, 9), 10)).toBe(3);
    expect(sizeOf(complement(ids(1, 5, 9)), 10)).toBe(7);
    expect(sizeOf(ALL, 10)).toBe(10);
    expect(sizeOf(NONE, 10)).toBe(0);
  });

  it('intersect, unite and complement as SQL AND, OR and NOT coalesce do', () => {
    const a = ids(1, 2, 3, 10, 20);
    const b = ids(2, 3, 4);
    const c = ids(3, 15);
    expect(members(intersect([a, b]))).toEqual([2, 3]);
    expect(members(intersect([a, complement(b)]))).toEqual([1, 10, 20]);
    expect(members(intersect([complement(a), complement(b)]))).toEqual([0, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(members(unite([b, c]))).toEqual([2, 3, 4, 15]);
    expect(members(unite([b, complement(a)]))).toEqual(members(complement(ids(1, 10, 20))));
    expect(members(intersect([a, unite([b, c])]))).toEqual([2, 3]);
    expect(members(ALL)).toHaveLength(21);
    expect(members(NONE)).toEqual([]);
  });
});
