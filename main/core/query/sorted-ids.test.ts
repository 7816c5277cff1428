/** The pieces of in-memory blocks: parsing SQLite's joined ids, match sets, filtered orders. */
import { describe, expect, it } from 'vitest';
import { parseIds } from './id-query';
import { inOrder, toMatchSet } from './sorted-ids';

describe('parseIds', () => {
  it('reads group_concat output, empty results and large ids', () => {
    expect(Array.from(parseIds('3,1,20,1000000'))).toEqual([3, 1, 20, 1_000_000]);
    expect(Array.from(parseIds('7'))).toEqual([7]);
    expect(parseIds(null).length).toBe(0);
    expect(Array.from(parseIds('2147483647'))).toEqual([2_147_483_647]);
  });
});

describe('match sets and filtered orders', () => {
  it('keeps the order of the order, only the matching ids', () => {
    const set = toMatchSet(Int32Array.from([9, 2, 5]));
    expect(set.length).toBe(10);
    expect(Array.from(inOrder(Int32Array.from([5, 1, 9, 3, 2, 12]), set))).toEqual([5, 9, 2]);
    expect(inOrder(Int32Array.from([1, 3]), toMatchSet(new Int32Array(0))).length).toBe(0);
  });
});
