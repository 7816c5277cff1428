/**
 * The Infinite Row Model datasource: each block (offset, limit, sort, filter) is one `*.page`
 * call. The exact matching count (`*.count`, cached per selection: query and filter) is passed as the last row when
 * it is known, so the scrollbar spans every match; a block never waits for a count still being
 * computed (a new search's count can take longer than its first rows): the grid is told the
 * count through `onCount` when it arrives.
 */
import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { countMethod, pageMethod } from '../../../../common/entities';
import type { SortKey } from '../../../../common/filter';
import type { ProfileKind, ProfileRow } from '../../../../common/keys';
import { call } from '../../api';
import type { GridSelection } from './filterModel';

export interface ProfileDatasourceOptions {
  kind: ProfileKind;
  /** The current selection (the search box's query and the column filters) for AG Grid's filter model. */
  selectionFor: (filterModel: IGetRowsParams['filterModel']) => GridSelection;
  /** Told the count of each selection once known (the toolbar's "N users"). */
  onCount: (count: number, selection: GridSelection) => void;
  onError: (error: unknown) => void;
  /** Told when a block arrives (tests and the status line wait on it). */
  onBlock?: (rows: number) => void;
}

export interface ProfileDatasource extends IDatasource {
  /** Forgets cached counts (the store changed). */
  invalidate(): void;
}

export function toSortKeys(sortModel: SortModelItem[]): SortKey[] {
  return sortModel.map((s) => ({ key: s.colId, dir: s.sort }));
}

export function createProfileDatasource(options: ProfileDatasourceOptions): ProfileDatasource {
  const { kind } = options;
  let counts = new Map<string, Promise<number>>();

  const countFor = (selection: GridSelection): Promise<number> => {
    const key = JSON.stringify(selection);
    let pending = counts.get(key);
    if (!pending) {
      pending = call(countMethod(kind), selection).then((r) => r.count);
      counts.set(key, pending);
      // A failed count must not stay cached.
      pending.catch(() => counts.delete(key));
    }
    return pending;
  };

  return {
    invalidate() {
      counts = new Map();
    },
    getRows(params) {
      let selection: GridSelection;
      try {
        selection = options.selectionFor(params.filterModel);
      } catch (err) {
        options.onError(err);
        params.failCallback();
        return;
      }
      const limit = params.endRow - params.startRow;
      // Asked first: an answer already in hand wins the race below.
      const count = countFor(selection);
      count.then((n) => options.onCount(n, selection), () => {});
      const page = call(pageMethod(kind), {
        offset: params.startRow,
        limit,
        sort: toSortKeys(params.sortModel),
        ...selection,
      });
      page.then(async ({ rows }) => [rows, await Promise.race([count, undefined])] as const).then(
        ([rows, known]) => {
          const end = params.startRow + rows.length;
          // The count can lag a concurrent import; never claim fewer rows than were returned.
          const lastRow = rows.length < limit ? end : known === undefined ? undefined : Math.max(known, end);
          params.successCallback(rows as ProfileRow[], lastRow);
          options.onBlock?.(rows.length);
        },
        (err: unknown) => {
          options.onError(err);
          params.failCallback();
        },
      );
    },
  };
}
