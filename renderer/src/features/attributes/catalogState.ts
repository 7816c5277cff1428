/** What the provider keeps between `attributes.list` answers (pure, so its rules are tested). */
import type { AttributeSpec, ProfileKind } from '../../../../common/keys';
import { BUILT_IN_CATALOG, mergeCatalog, type AttributeCatalog } from './catalog';

export interface CatalogState {
  catalog: AttributeCatalog;
  /** The catalog is the core's answer (custom attributes included), not the built-in fallback. */
  loaded: boolean;
  /** The first answer (or failure) arrived: screens that check queries or prune layouts may start. */
  settled: boolean;
  error: Error | null;
}

export const INITIAL_CATALOG_STATE: CatalogState = { catalog: BUILT_IN_CATALOG, loaded: false, settled: false, error: null };

export type CatalogEvent =
  | { type: 'loaded'; value: Partial<Record<ProfileKind, readonly AttributeSpec[]>> }
  | { type: 'failed'; error: Error };

/**
 * An answer replaces the catalog. A failure keeps what was known: the built-in lists before any
 * answer, the last answer after one (a reload failing mid-reconnect must not make custom columns
 * vanish and layouts forget them).
 */
export function nextCatalogState(state: CatalogState, event: CatalogEvent): CatalogState {
  if (event.type === 'loaded') return { catalog: mergeCatalog(event.value), loaded: true, settled: true, error: null };
  return { ...state, settled: true, error: event.error };
}
