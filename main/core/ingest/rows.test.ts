import { describe, expect, it } from 'vitest';
import { pick, type Stamped } from './batch';

describe('pick', () => {
  const s = (v: string | null, at: number | null): Stamped => ({ v, at });

  it('keeps the latest value for last_*, the earliest for first_*', () => {
    const last = s('a', 10);
    pick(last, 'b', 20, false);
    pick(last, 'c', 5, false);
    expect(last).toEqual(s('b', 20));
    const first = s('a', 10);
    pick(first, 'b', 20, true);
    pick(first, 'c', 5, true);
    expect(first).toEqual(s('c', 5));
  });

  it('ignores absent values and breaks ties by value, whatever the order', () => {
    const a = s(null, null);
    pick(a, null, 1, false);
    expect(a).toEqual(s(null, null));
    const x = s('m', 1);
    pick(x, 'z', 1, false);
    const y = s('z', 1);
    pick(y, 'm', 1, false);
    expect(x).toEqual(y);
    const f = s('z', 1);
    pick(f, 'm', 1, true);
    expect(f.v).toBe('m');
  });
});
