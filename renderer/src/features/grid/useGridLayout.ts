import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfileKind } from '../../../../common/keys';
import { call } from '../../api';
import { defaultLayout, layoutPrefKey, normalizeLayout, sameLayout, type GridLayout } from './layout';

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

/** The page's column layout and query, read from and written to prefs (`grid.<page>.columns`). */
export function useGridLayout(kind: ProfileKind): GridLayoutState {
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
        if (live && value != null) setLayoutState(normalizeLayout(kind, value));
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
