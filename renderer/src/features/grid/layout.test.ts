import { describe, expect, it } from 'vitest';
import { USER_ATTRIBUTES } from '../../../../common/keys';
import { builtInOrCustomName, defaultLayout, keysOf, layoutPrefKey, normalizeLayout, orderForDisplay, pruneLayout } from './layout';

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

  it('keeps custom columns the catalog lists, and drops those it no longer does', () => {
    const stored = { version: 1, columns: [{ key: 'user_id', pinned: null }, { key: 'ltv', pinned: null, width: 120 }, { key: 'tier', pinned: 'left' }], query: 'ltv:>100' };
    const withCustom = keysOf([...USER_ATTRIBUTES, { key: 'ltv' }, { key: 'tier' }]);
    expect(normalizeLayout('user', stored, withCustom)).toEqual(stored);
    // The source of `tier` was removed: its column goes, the rest and the query stay.
    const onlyLtv = keysOf([...USER_ATTRIBUTES, { key: 'ltv' }]);
    expect(normalizeLayout('user', stored, onlyLtv)).toEqual({ ...stored, columns: stored.columns.slice(0, 2) });
    // Built-in keys only (the default): custom columns are unknown.
    expect(normalizeLayout('user', stored).columns.map((c) => c.key)).toEqual(['user_id']);
  });

  it('keeps saved custom columns while the core cannot list attributes', () => {
    const known = builtInOrCustomName('user');
    const layout = normalizeLayout('user', { columns: ['user_id', 'ltv', 'Not A Name', 'x'.repeat(70)] }, known);
    expect(layout.columns.map((c) => c.key)).toEqual(['user_id', 'ltv']);
  });

  it('prunes a layout only when a column is gone, to the default when none is left', () => {
    const layout = { version: 1 as const, columns: [{ key: 'ltv', pinned: null }, { key: 'user_id', pinned: null }], query: 'a' };
    const all = keysOf([...USER_ATTRIBUTES, { key: 'ltv' }]);
    expect(pruneLayout('user', layout, all)).toBe(layout);
    const builtIn = keysOf(USER_ATTRIBUTES);
    expect(pruneLayout('user', layout, builtIn)).toEqual({ version: 1, columns: [{ key: 'user_id', pinned: null }], query: 'a' });
    const onlyCustom = { version: 1 as const, columns: [{ key: 'ltv', pinned: null }] };
    expect(pruneLayout('user', onlyCustom, builtIn)).toEqual(defaultLayout('user'));
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
