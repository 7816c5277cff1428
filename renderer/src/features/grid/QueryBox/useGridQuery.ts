import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttributeSpec, ProfileKind } from '../../../../../common/keys';
import { getTransport } from '../../../api';
import { queryParam, readHashParam, writeHashParam } from '../hashState';
import { checkQuery, problemFromError, type QueryProblem } from './queryProblem';

const CHECK_DELAY_MS = 150;

export interface SavedQuery {
  /** True once the saved layout (and its query) has been read. */
  ready: boolean;
  query: string | undefined;
  save: (query: string) => void;
}

export interface GridQueryState {
  /** What the box shows, as typed. */
  text: string;
  setText: (text: string) => void;
  /** The last query that read well: the one the grid runs (never a malformed one). */
  applied: string;
  /** Why the text in the box isn't running, shown under the box. */
  problem: QueryProblem | null;
  /** False until the query to start with is known (URL or saved layout): the grid waits. */
  ready: boolean;
  /** Takes a failed call's error; true when it was the core refusing the query (shown like a local problem). */
  reportError: (err: unknown) => boolean;
  /** Rows arrived for the applied query: it is the one to fall back to from now on. */
  confirm: () => void;
}

/** The browser host keeps each page's query in the URL; Electron has no address bar to share. */
const inBrowserHost = (): boolean => getTransport().kind === 'http';

function queryFromUrl(kind: ProfileKind): string | null {
  return inBrowserHost() ? readHashParam(window.location.hash, queryParam(kind)) : null;
}

function writeUrl(kind: ProfileKind, query: string): void {
  if (!inBrowserHost()) return;
  const hash = writeHashParam(window.location.hash, queryParam(kind), query);
  if (hash === window.location.hash || (hash === '' && window.location.hash === '')) return;
  // replaceState: typing must not fill the back button's history.
  window.history.replaceState(window.history.state, '', hash || `${window.location.pathname}${window.location.search}`);
}

/**
 * The search box's query: checked locally as it is typed (common/query, for instant errors),
 * applied only when it reads well, so a malformed query never reaches the grid and the last good
 * results stay. Restored from the URL (browser host) or else the saved layout; saved to both.
 * Checked again when the attributes change (a source added or removed).
 */
export function useGridQuery(kind: ProfileKind, attributes: readonly AttributeSpec[], saved: SavedQuery): GridQueryState {
  const [text, setText] = useState(() => queryFromUrl(kind) ?? '');
  const [applied, setApplied] = useState(() => {
    const initial = queryFromUrl(kind) ?? '';
    return checkQuery(attributes, initial) === null ? initial.trim() : '';
  });
  const [problem, setProblem] = useState<QueryProblem | null>(() => checkQuery(attributes, text));
  const [ready, setReady] = useState(false);
  const [debounced] = useDebouncedValue(text, CHECK_DELAY_MS);
  const confirmed = useRef('');
  const appliedRef = useRef(applied);
  appliedRef.current = applied;

  // Without a query in the URL, the saved layout's query (once read) is the one to start with.
  useEffect(() => {
    if (!saved.ready || ready) return;
    if (queryFromUrl(kind) === null && saved.query) {
      const restored = saved.query;
      setText(restored);
      const found = checkQuery(attributes, restored);
      setProblem(found);
      if (found === null) setApplied(restored.trim());
    }
    setReady(true);
  }, [saved.ready, saved.query, ready, kind, attributes]);

  useEffect(() => {
    const found = checkQuery(attributes, debounced);
    setProblem(found);
    if (found === null) setApplied(debounced.trim());
  }, [attributes, debounced]);

  const { save } = saved;
  useEffect(() => {
    if (!ready) return;
    writeUrl(kind, applied);
    save(applied);
  }, [kind, applied, ready, save]);

  const reportError = useCallback((err: unknown): boolean => {
    const found = problemFromError(err, appliedRef.current);
    if (found === null) return false;
    setProblem(found);
    // Back to the last query that ran, so the grid shows its rows rather than nothing.
    setApplied(confirmed.current);
    return true;
  }, []);

  const confirm = useCallback(() => {
    confirmed.current = appliedRef.current;
  }, []);

  return { text, setText, applied, problem, ready, reportError, confirm };
}
