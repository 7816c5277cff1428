/** Which columns a grid shows, in which order, pinned where and how wide: persisted per page. */
import { kindPlural } from '../../../../common/entities';
import { ATTRIBUTE_NAME } from '../../../../common/attributes';
import { ATTRIBUTES, type ProfileKind } from '../../../../common/keys';

export type Pinned = 'left' | 'right' | null;

export interface ColumnLayoutItem {
  key: string;
  pinned: Pinned;
  width?: number;
}

export interface GridLayout {
  version: 1;
  /** Visible columns, in display order. */
  columns: ColumnLayoutItem[];
  /** The search box's query (the last one that ran), restored with the layout. */
  query?: string;
}

const DEFAULT_KEYS: Record<ProfileKind, string[]> = {
  user: [
    'user_name',
    'user_email',
    'user_id',
    'first_seen',
    'last_seen',
    'last_country_code',
    'last_device_type',
    'last_browser_name',
    'session_count',
  ],
  account: ['account_name', 'account_id', 'user_count', 'session_count', 'first_seen', 'last_seen'],
};

export function defaultLayout(kind: ProfileKind): GridLayout {
  return { version: 1, columns: DEFAULT_KEYS[kind].map((key) => ({ key, pinned: null })) };
}

/** The prefs key of a page's layout, e.g. `grid.users.columns`. */
export function layoutPrefKey(kind: ProfileKind): string {
  return `grid.${kindPlural(kind)}.columns`;
}

/** Which column keys a layout may keep. */
export type KnownKey = (key: string) => boolean;

/** The built-in attributes only. */
export function builtInKeys(kind: ProfileKind): KnownKey {
  const known = new Set(ATTRIBUTES[kind].map((a) => a.key));
  return (key) => known.has(key);
}

/**
 * While the core can't say which custom attributes exist (`attributes.list` failed): the built-in
 * keys and any name a custom attribute could have, so a saved custom column isn't forgotten.
 */
export function builtInOrCustomName(kind: ProfileKind): KnownKey {
  const builtIn = builtInKeys(kind);
  return (key) => builtIn(key) || ATTRIBUTE_NAME.test(key);
}

/** The attributes of a catalog list. */
export function keysOf(specs: ReadonlyArray<{ key: string }>): KnownKey {
  const known = new Set(specs.map((s) => s.key));
  return (key) => known.has(key);
}

/**
 * Accepts a stored layout only as far as it still makes sense: unknown keys and duplicates are
 * dropped (attributes can be renamed between versions, custom ones removed with their source),
 * and an empty result falls back to the default so a grid never ends up without columns.
 */
export function normalizeLayout(kind: ProfileKind, stored: unknown, known: KnownKey = builtInKeys(kind)): GridLayout {
  const raw = (stored as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(raw)) return defaultLayout(kind);
  const seen = new Set<string>();
  const columns: ColumnLayoutItem[] = [];
  for (const item of raw as unknown[]) {
    const key = typeof item === 'string' ? item : (item as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !known(key) || seen.has(key)) continue;
    seen.add(key);
    const entry = item as { pinned?: unknown; width?: unknown };
    const pinned: Pinned = entry.pinned === 'left' || entry.pinned === 'right' ? entry.pinned : null;
    const width = typeof entry.width === 'number' && entry.width >= 40 && entry.width <= 2000 ? Math.round(entry.width) : undefined;
    columns.push(width === undefined ? { key, pinned } : { key, pinned, width });
  }
  const layout = columns.length > 0 ? { version: 1 as const, columns } : defaultLayout(kind);
  const query = (stored as { query?: unknown }).query;
  return typeof query === 'string' && query.trim() !== '' ? { ...layout, query } : layout;
}

/**
 * The layout without the columns whose attribute no longer exists (a source removed, an
 * attribute renamed): the same object when nothing goes, so callers can tell a change.
 */
export function pruneLayout(kind: ProfileKind, layout: GridLayout, known: KnownKey): GridLayout {
  if (layout.columns.every((c) => known(c.key))) return layout;
  return normalizeLayout(kind, layout, known);
}

/** Pinned-left columns first, then unpinned, then pinned-right, each keeping its order. */
export function orderForDisplay(columns: ColumnLayoutItem[]): ColumnLayoutItem[] {
  const rank = (p: Pinned): number => (p === 'left' ? 0 : p === 'right' ? 2 : 1);
  return columns.map((c, i) => [c, i] as const).sort((a, b) => rank(a[0].pinned) - rank(b[0].pinned) || a[1] - b[1]).map(([c]) => c);
}

export function sameLayout(a: GridLayout, b: GridLayout): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
