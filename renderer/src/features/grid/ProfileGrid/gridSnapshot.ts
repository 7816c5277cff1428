/** What the grid shows right now, read from AG Grid for an export: its columns in order and its sort. */
import type { ColumnState, GridApi } from 'ag-grid-community';
import type { SortKey } from '../../../../../common/filter';

/** The visible columns in display order (pinned left first, as on screen). */
export function visibleColumns(api: Pick<GridApi, 'getAllDisplayedColumns'>): string[] {
  return api.getAllDisplayedColumns().map((c) => c.getColId());
}

/** The sort keys in the order they were applied (sortIndex). */
export function sortKeys(state: ColumnState[]): SortKey[] {
  return state
    .filter((c): c is ColumnState & { sort: 'asc' | 'desc' } => c.sort === 'asc' || c.sort === 'desc')
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ key: c.colId, dir: c.sort }));
}
