import { createContext, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { AttributeSpec, ProfileKind } from '../../../../common/keys';
import { call, onEvent, onReconnect } from '../../api';
import { findSpec } from './catalog';
import { INITIAL_CATALOG_STATE, nextCatalogState, type CatalogState } from './catalogState';

/** Outside a provider (isolated renders): the built-in lists, as if the core had answered. */
const AttributesContext = createContext<CatalogState>({ ...INITIAL_CATALOG_STATE, settled: true });

/**
 * `attributes.list` for the whole app: the built-in attributes at once, the custom ones when the
 * core answers; asked again when sources change (saved, removed, a sync ended) and after a
 * reconnect (a change may have been missed).
 */
export function AttributesProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(nextCatalogState, INITIAL_CATALOG_STATE);
  // Only the latest request's answer counts: a slow early answer never overwrites a newer one.
  const generation = useRef(0);

  useEffect(() => {
    let live = true;
    const load = () => {
      const mine = ++generation.current;
      call('attributes.list', {}).then(
        (value) => {
          if (live && mine === generation.current) dispatch({ type: 'loaded', value });
        },
        (err: unknown) => {
          if (live && mine === generation.current) dispatch({ type: 'failed', error: err instanceof Error ? err : new Error(String(err)) });
        },
      );
    };
    load();
    const offs = [onEvent('sources.changed', load), onReconnect(load)];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, []);

  return <AttributesContext.Provider value={state}>{children}</AttributesContext.Provider>;
}

/** The catalog with its status (`settled`: the first answer, or failure, is in). */
export function useAttributeCatalog(): CatalogState {
  return useContext(AttributesContext);
}

/** Every attribute of one kind of profile: built-in ones first, then custom ones by source. */
export function useAttributes(kind: ProfileKind): readonly AttributeSpec[] {
  return useContext(AttributesContext).catalog[kind];
}

export function useAttributeSpec(kind: ProfileKind, key: string | null | undefined): AttributeSpec | undefined {
  const specs = useAttributes(kind);
  return useMemo(() => (key ? findSpec(specs, key) : undefined), [specs, key]);
}
