import { describe, expect, it } from 'vitest';
import { defaultLayout, layoutPrefKey, normalizeLayout, orderForDisplay } from './layout';

describe('grid layout', () => {
  it('has Datadog-like defaults and page keys', () => {
    expect(defaultLayout('user').columns.map((c) => c.key).slice(0, 3)).toEqual(['user_name', 'user_email', 'user_id']);
    expect(layoutPrefKey('user')).toBe('grid.users.columns');
    expect(layoutPrefKey('account')).toBe('grid.accounts.columns');
  });

  it('keeps a stored query beside the columns', () => {
    const stored = { version: 1, columns: [{ key: 'user_id', pinned: null }], query: 'session_count:>2' };
    expect(normalizeLayout('user', stored)).toEqual(stored);
    expect(normalizeLayout('user', { columns: [], query: 'a' })).toEqual({ ...defaultLayout('user'), query: 'a' });
    expect(normalizeLayout('user', { columns: [], query: 42 })).toEqual(defaultLayout('user'));
    expect(normalizeLayout('user', { columns: [], query: '  ' })).toEqual(defaultLayout('user'));
  });

  it('keeps only known, unique columns from a stored layout', () => {
    const layout = normalizeLayout('user', {
      columns: [{ key: 'user_email', pinned: 'left', width: 300 }, { key: 'nope' }, 'user_email', 'view_count'],
    });
    expect(layout.columns).toEqual([
      { key: 'user_email', pinned: 'left', width: 300 },
      { key: 'view_count', pinned: null },
    ]);
    expect(normalizeLayout('user', null)).toEqual(defaultLayout('user'));
    expect(normalizeLayout('user', { columns: [] })).toEqual(defaultLayout('user'));
  });

  it('orders pinned columns to the sides', () => {
    const ordered = orderForDisplay([
      { key: 'a', pinned: null },
      { key: 'b', pinned: 'right' },
      { key: 'c', pinned: 'left' },
      { key: 'd', pinned: null },
    ]);
    expect(ordered.map((c) => c.key)).toEqual(['c', 'a', 'd', 'b']);
  });
});
