import { describe, expect, it } from 'vitest';
import { ACCOUNT_LAYOUT, cellOf, mergeRows, newRow, pickCell, rowColumns, SESSION_LAYOUT, USER_LAYOUT, type Row } from './rows';

describe('pickCell', () => {
  const pair = (v: string | null, at: number | null): Row => [v, at];

  it('keeps the latest value for last_*, the earliest for first_*', () => {
    const last = pair('a', 10);
    pickCell(last, 0, 'b', 20, false);
    pickCell(last, 0, 'c', 5, false);
    expect(last).toEqual(pair('b', 20));
    const first = pair('a', 10);
    pickCell(first, 0, 'b', 20, true);
    pickCell(first, 0, 'c', 5, true);
    expect(first).toEqual(pair('c', 5));
  });

  it('ignores absent values and breaks ties by value, whatever the order', () => {
    const a = pair(null, null);
    pickCell(a, 0, null, 1, false);
    expect(a).toEqual(pair(null, null));
    const x = pair('m', 1);
    pickCell(x, 0, 'z', 1, false);
    const y = pair('z', 1);
    pickCell(y, 0, 'm', 1, false);
    expect(x).toEqual(y);
    const f = pair('z', 1);
    pickCell(f, 0, 'm', 1, true);
    expect(f[0]).toBe('m');
  });
});

describe('rows', () => {
  it('lay out identity, min, max and stamped pairs in column order', () => {
    expect(rowColumns(ACCOUNT_LAYOUT)).toEqual(['account_id', 'first_seen', 'last_seen', 'account_name', 'account_name_at']);
    expect(newRow(ACCOUNT_LAYOUT, ['a1'], 7)).toEqual(['a1', 7, 7, null, null]);
    expect(rowColumns(SESSION_LAYOUT).slice(0, 6)).toEqual(['user_id', 'session_id', 'start', 'end', 'application_id', 'application_id_at']);
  });

  it('find a stamped column\'s value cell by its column, and refuse other columns', () => {
    expect(cellOf(ACCOUNT_LAYOUT, 'account_name')).toBe(3);
    for (const col of ['user_email', 'first_country_code', 'last_browser_version']) {
      expect(rowColumns(USER_LAYOUT)[cellOf(USER_LAYOUT, col)]).toBe(col);
      expect(rowColumns(USER_LAYOUT)[cellOf(USER_LAYOUT, col) + 1]).toBe(`${col}_at`);
    }
    expect(() => cellOf(USER_LAYOUT, 'first_seen')).toThrow('not a stamped column');
  });

  it('merge in either order to the same row', () => {
    const a: Row = ['a1', 10, 20, 'Acme', 20];
    const b: Row = ['a1', 5, 15, 'Acme Corp', 15];
    const ab = [...a];
    mergeRows(ACCOUNT_LAYOUT, ab, b);
    const ba = [...b];
    mergeRows(ACCOUNT_LAYOUT, ba, a);
    expect(ab).toEqual(['a1', 5, 20, 'Acme', 20]);
    expect(ba).toEqual(ab);
  });

  it('keep the earliest value of an earliest-edge attribute and skip absent ones', () => {
    const s = newRow(SESSION_LAYOUT, ['u', 's'], 100);
    pickCell(s, 4, 'app-late', 100, true);
    const earlier = newRow(SESSION_LAYOUT, ['u', 's'], 50);
    pickCell(earlier, 4, 'app-early', 50, true);
    mergeRows(SESSION_LAYOUT, s, earlier);
    expect(s.slice(0, 6)).toEqual(['u', 's', 50, 100, 'app-early', 50]);
    const blank = newRow(SESSION_LAYOUT, ['u', 's'], 10);
    mergeRows(SESSION_LAYOUT, s, blank);
    expect(s.slice(2, 6)).toEqual([10, 100, 'app-early', 50]);
  });
});
