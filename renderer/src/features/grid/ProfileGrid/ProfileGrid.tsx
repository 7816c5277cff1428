import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFilterOff } from '@tabler/icons-react';
import type { CellKeyDownEvent, ColumnResizedEvent, GridApi, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { ProfileKind, ProfileRow } from '../../../../../common/keys';
import { errorMessage } from '../../../api';
import { useAttributeCatalog, useAttributes } from '../../attributes';
import { ExportButton } from '../../export';
import { SaveSegmentButton, SegmentChip, useSegmentSelection } from '../../segments';
import { registerGridModules, gridTheme } from '../agGrid';
import { ColumnChooser } from '../ColumnChooser';
import { columnDefs, defaultColDef } from '../columns';
import { createProfileDatasource } from '../datasource';
import { FilterChips } from '../FilterChips';
import { gridSelection, isActive, type FilterModelMap, type GridSelection } from '../filterModel';
import type { GridFilterContext } from '../filters';
import { GridToolbar } from '../GridToolbar';
import { QueryBox, QueryProblemLine, useGridQuery } from '../QueryBox';
import { useGridLayout } from '../useGridLayout';
import { layoutFromColumnState } from './layoutFromGrid';
import { sortKeys, visibleColumns } from './gridSnapshot';
import classes from './ProfileGrid.module.css';
import { useRefreshOnChange } from './useRefreshOnChange';

registerGridModules();

export interface ProfileGridProps {
  kind: ProfileKind;
  /** Rows of this kind in the whole store (shown as "of N" while filtering). */
  total: number | null;
  /** Opens a profile's detail; the grid keeps its scroll, sort and filters meanwhile. */
  onOpen: (id: string) => void;
  /** The search box, for the app's keyboard shortcuts. */
  searchRef?: Ref<HTMLInputElement>;
}

/** A profile grid: AG Grid's Infinite Row Model over `*.page`/`*.count`, with search and filters. */
export function ProfileGrid(props: ProfileGridProps) {
  const { settled } = useAttributeCatalog();
  // Saved layouts and queries may name custom attributes: read them against the core's list, not the built-in one.
  if (!settled) return <Stack gap="xs" className={classes.root} />;
  return <ProfileGridBody {...props} />;
}

function ProfileGridBody({ kind, total, onOpen, searchRef }: ProfileGridProps) {
  const idKey = kind === 'user' ? 'user_id' : 'account_id';
  const specs = useAttributes(kind);
  const { layout, ready, setLayout, setQuery, reset } = useGridLayout(kind);
  const query = useGridQuery(kind, specs, { ready, query: layout.query, save: setQuery });
  const applied = query.applied;
  const queryValue = useRef(applied);
  queryValue.current = applied;
  const apiRef = useRef<GridApi<ProfileRow> | null>(null);
  const [models, setModels] = useState<FilterModelMap>({});
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const filterModels = (): FilterModelMap => (apiRef.current?.getFilterModel() ?? {}) as FilterModelMap;
  // The segment opened from the Segments page: a selection of its own, ANDed by the core with the query.
  const { segmentOf, setSegment } = useSegmentSelection();
  const segment = segmentOf(kind);
  const segmentValue = useRef(segment);
  segmentValue.current = segment;
  const selectionOf = (q: string, filterModel: FilterModelMap, exceptKey?: string): GridSelection & { segment?: string } => {
    const selection = gridSelection(q, filterModel, exceptKey);
    return segmentValue.current ? { ...selection, segment: segmentValue.current } : selection;
  };

  const { reportError: reportQueryError, confirm: confirmQuery } = query;
  const datasource = useMemo(
    () =>
      createProfileDatasource({
        kind,
        selectionFor: (filterModel) => selectionOf(applied, filterModel as FilterModelMap),
        onCount: (n, selection) => {
          // Only the answer for what is asked now (a slow answer to an older selection is stale).
          if (JSON.stringify(selection) !== JSON.stringify(selectionOf(queryValue.current, filterModels()))) return;
          setCount(n);
          // A block answered before its count left the row count open: close it now.
          if (apiRef.current && !apiRef.current.isLastRowIndexKnown()) apiRef.current.setRowCount(n, true);
        },
        // The core refusing the query shows under the box, like a local error; the grid goes back to the last query that ran.
        onError: (err) => {
          if (!reportQueryError(err)) setError(errorMessage(err));
        },
        onBlock: () => {
          setError(null);
          confirmQuery();
        },
      }),
    // selectionOf reads the segment through its ref; listing it here makes a new datasource per segment.
    [kind, applied, segment, reportQueryError, confirmQuery],
  );

  // A new query or segment: its count is asked afresh.
  useEffect(() => setCount(null), [applied, segment]);

  const context = useMemo<GridFilterContext>(
    () => ({ selectionExcept: (key) => selectionOf(queryValue.current, filterModels(), key) }),
    [],
  );

  useRefreshOnChange(kind, () => {
    datasource.invalidate();
    apiRef.current?.purgeInfiniteCache();
  });

  // Columns and specs only: saving the query with the layout, or the catalog reloading unchanged, must not rebuild them.
  const columnsKey = JSON.stringify(layout.columns);
  const specsKey = JSON.stringify(specs);
  const defs = useMemo(
    () => columnDefs(kind, { version: 1, columns: JSON.parse(columnsKey) as typeof layout.columns }, JSON.parse(specsKey) as typeof specs),
    [kind, columnsKey, specsKey],
  );

  const syncLayout = useCallback(() => {
    const api = apiRef.current;
    if (api) setLayout(layoutFromColumnState(api.getColumnState()));
  }, [setLayout]);

  const clearAll = () => {
    query.setText('');
    setSegment(kind, null);
    apiRef.current?.setFilterModel(null);
  };

  const filtered = applied !== '' || segment !== null || Object.values(models).some((m) => isActive(m));
  const noun = kind === 'user' ? 'user' : 'account';
  const problemId = `${noun}s-query-problem`;

  return (
    <Stack gap="xs" className={classes.root}>
      <GridToolbar
        noun={noun}
        search={
          <>
            {segment && <SegmentChip name={segment} onRemove={() => setSegment(kind, null)} />}
            <QueryBox kind={kind} value={query.text} onChange={query.setText} inputRef={searchRef} invalid={query.problem !== null} problemId={problemId} />
          </>
        }
        count={count}
        total={total}
        filtered={filtered}
        actions={
          <>
            <SaveSegmentButton kind={kind} query={applied} segment={segment} />
            <ExportButton
              kind={kind}
              name={segment ?? `${noun}s`}
              current={() => {
                const api = apiRef.current;
                return {
                  selection: { ...selectionOf(applied, filterModels()), sort: api ? sortKeys(api.getColumnState()) : [] },
                  columns: api ? visibleColumns(api) : layout.columns.map((c) => c.key),
                };
              }}
            />
            <ColumnChooser kind={kind} layout={layout} onChange={setLayout} onReset={reset} />
          </>
        }
      />
      {query.problem && <QueryProblemLine problem={query.problem} id={problemId} />}
      <FilterChips
        kind={kind}
        models={models}
        search={applied}
        onRemove={(key) => void apiRef.current?.setColumnFilterModel(key, null).then(() => apiRef.current?.onFilterChanged())}
        onClearSearch={() => query.setText('')}
        onClearAll={clearAll}
      />
      {error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not load rows" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <div className={classes.grid} data-testid={`${noun}s-grid`}>
        {ready && query.ready && (
          <AgGridReact<ProfileRow>
            theme={gridTheme}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={100}
            maxBlocksInCache={60}
            maxConcurrentDatasourceRequests={2}
            blockLoadDebounceMillis={10}
            infiniteInitialRowCount={1}
            columnDefs={defs}
            defaultColDef={defaultColDef}
            getRowId={(p) => String(p.data[idKey])}
            context={context}
            enableBrowserTooltips
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            animateRows={false}
            onGridReady={(e) => {
              apiRef.current = e.api;
            }}
            onFilterChanged={(e) => {
              setModels({ ...(e.api.getFilterModel() as FilterModelMap) });
              setCount(null);
            }}
            onRowClicked={(e: RowClickedEvent<ProfileRow>) => {
              const id = e.data?.[idKey];
              if (id != null) onOpen(String(id));
            }}
            onCellKeyDown={(e: CellKeyDownEvent<ProfileRow>) => {
              const key = (e.event as KeyboardEvent | null)?.key;
              const id = e.data?.[idKey];
              if (key === 'Enter' && id != null) onOpen(String(id));
            }}
            onDragStopped={syncLayout}
            onColumnResized={(e: ColumnResizedEvent) => {
              if (e.finished && e.source === 'uiColumnResized') syncLayout();
            }}
          />
        )}
        {count === 0 && (
          <div className={classes.overlay} data-testid="no-matches">
            <Stack align="center" gap="xs">
              <IconFilterOff size={32} stroke={1.5} />
              <Text fw={600}>No {noun}s match</Text>
              <Text size="sm" c="dimmed">
                {filtered ? 'Try a shorter search or remove a filter.' : `The store has no ${noun}s yet.`}
              </Text>
              {filtered && (
                <Button size="xs" variant="light" onClick={clearAll}>
                  Clear search and filters
                </Button>
              )}
            </Stack>
          </div>
        )}
      </div>
    </Stack>
  );
}
