import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProfileKind } from '../../../../common/keys';
import { call } from '../../api';
import { useAttributeCatalog } from '../attributes';
import { builtInOrCustomName, defaultLayout, keysOf, layoutPrefKey, normalizeLayout, pruneLayout, sameLayout, type GridLayout } from './layout';

export interface GridLayoutState {
  layout: GridLayout;
  /** False until the stored layout has been read (the grid waits, so columns don't jump). */
  ready: boolean;
  /** Sets the columns; the saved query stays as it is. */
  setLayout: (next: GridLayout) => void;
  /** Saves the search box's query with the layout ('' forgets it). */
  setQuery: (query: string) => void;
  /** Default columns; the saved query stays as it is. */
  reset: () => void;
}

const SAVE_DELAY_MS = 250;

/**
 * The page's column layout and query, read from and written to prefs (`grid.<page>.columns`).
 * Columns of custom attributes that no longer exist are dropped (and the layout saved without
 * them); while the core can't list attributes, saved custom columns are kept.
 */
export function useGridLayout(kind: ProfileKind): GridLayoutState {
  const { catalog, loaded } = useAttributeCatalog();
  const specs = catalog[kind];
  const known = useMemo(() => (loaded ? keysOf(specs) : builtInOrCustomName(kind)), [loaded, specs, kind]);
  const knownRef = useRef(known);
  knownRef.current = known;
  const [layout, setLayoutState] = useState<GridLayout>(() => defaultLayout(kind));
  const [ready, setReady] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<GridLayout | null>(null);
  const current = useRef(layout);
  current.current = layout;

  useEffect(() => {
    let live = true;
    call('prefs.get', { key: layoutPrefKey(kind) })
      .then(({ value }) => {
        if (live && value != null) setLayoutState(normalizeLayout(kind, value, knownRef.current));
      })
      .catch(() => {
        // Without stored prefs the defaults are the right answer.
      })
      .finally(() => {
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, [kind]);

  const flush = useCallback(() => {
    const next = pending.current;
    pending.current = null;
    if (next) void call('prefs.set', { key: layoutPrefKey(kind), value: next }).catch(() => {});
  }, [kind]);

  // Save what is pending when the page goes away (reload right after a change).
  useEffect(() => {
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('beforeunload', flush);
      clearTimeout(saveTimer.current);
      flush();
    };
  }, [flush]);

  const save = useCallback(
    (next: GridLayout) => {
      if (sameLayout(current.current, next)) return;
      current.current = next;
      setLayoutState(next);
      pending.current = next;
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  // A source removed (or an attribute renamed) while the page is open: its columns go quietly.
  useEffect(() => {
    if (!ready || !loaded) return;
    const pruned = pruneLayout(kind, current.current, known);
    if (pruned !== current.current) save(pruned);
  }, [kind, ready, loaded, known, save]);

  const setLayout = useCallback(
    (next: GridLayout) => {
      const { query } = current.current;
      save(query === undefined ? { version: 1, columns: next.columns } : { version: 1, columns: next.columns, query });
    },
    [save],
  );

  const setQuery = useCallback(
    (query: string) => {
      const { columns } = current.current;
      save(query.trim() === '' ? { version: 1, columns } : { version: 1, columns, query });
    },
    [save],
  );

  const reset = useCallback(() => setLayout(defaultLayout(kind)), [kind, setLayout]);

  return { layout, ready, setLayout, setQuery, reset };
}
