import { describe, expect, it } from 'vitest';
import { sortKeys, visibleColumns } from './gridSnapshot';

describe('grid snapshot for an export', () => {
  it('lists the displayed columns in order', () => {
    const api = { getAllDisplayedColumns: () => ['user_id', 'last_seen', 'user_email'].map((id) => ({ getColId: () => id })) };
    expect(visibleColumns(api as never)).toEqual(['user_id', 'last_seen', 'user_email']);
  });

  it('keeps the sorted columns in the order they were sorted', () => {
    expect(
      sortKeys([
        { colId: 'user_id', sort: null },
        { colId: 'last_seen', sort: 'desc', sortIndex: 1 },
        { colId: 'session_count', sort: 'asc', sortIndex: 0 },
      ]),
    ).toEqual([
      { key: 'session_count', dir: 'asc' },
      { key: 'last_seen', dir: 'desc' },
    ]);
    expect(sortKeys([])).toEqual([]);
  });
});
