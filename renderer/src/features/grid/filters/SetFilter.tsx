import { Anchor, Checkbox, Group, Loader, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback, useMemo, useState } from 'react';
import { valuesMethod } from '../../../../../common/entities';
import { useQuery } from '../../../api';
import { formatNumber } from '../../../../../common/format';
import type { ProfileFilterParams } from '../columns';
import { displayValue, isActive, type ColumnFilterModel, type GridSelection } from '../filterModel';
import { FilterPanel } from './FilterPanel';
import classes from './SetFilter.module.css';
import { useDraftModel } from './useDraftModel';

type SetModel = Extract<ColumnFilterModel, { kind: 'set' }>;

/** What the grid shares with its filters through AG Grid's `context`. */
export interface GridFilterContext {
  /** The grid's selection without this column's own filter: the values offered are those still reachable. */
  selectionExcept(key: string): GridSelection;
}

type Props = CustomFilterProps<unknown, GridFilterContext, SetModel> & ProfileFilterParams;

/** Set-of-values filter for low-cardinality attributes, values and counts from `*.values`. */
export function SetFilter(props: Props) {
  const empty = useCallback((): SetModel => ({ kind: 'set', values: [] }), []);
  const { draft, setDraft, clear } = useDraftModel(props.model, props.onModelChange, empty, 0);
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  useGridFilter({
    doesFilterPass: () => true,
    afterGuiAttached: () => setOpened(true),
    afterGuiDetached: () => setOpened(false),
  });

  const selection = opened ? props.context.selectionExcept(props.spec.key) : null;
  const { data, loading, error } = useQuery(valuesMethod(props.kind), selection ? { key: props.spec.key, ...selection, limit: 500 } : null);

  const label = useCallback((v: string) => displayValue(props.spec, v), [props.spec]);
  const values = useMemo(() => {
    const list = data?.values ?? [];
    // Keep chosen values listed even when the other filters now exclude them.
    const missing = draft.values.filter((v) => !list.some((x) => x.value === v)).map((value) => ({ value, count: 0 }));
    const all = [...list, ...missing];
    const q = search.trim().toLowerCase();
    return q ? all.filter((v) => label(v.value).toLowerCase().includes(q)) : all;
  }, [data, draft.values, search, label]);

  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...draft.values, value] : draft.values.filter((v) => v !== value);
    setDraft({ kind: 'set', values: next }, true);
  };

  return (
    <FilterPanel title={props.spec.label} active={isActive(props.model)} onClear={clear}>
      {(data?.values.length ?? 0) > 8 && (
        <TextInput size="xs" placeholder="Find a value…" value={search} onChange={(e) => setSearch(e.currentTarget.value)} aria-label="Find a value" />
      )}
      {loading && !data && (
        <Group justify="center" p="sm">
          <Loader size="sm" />
        </Group>
      )}
      {error && (
        <Text size="xs" c="red">
          {error.message}
        </Text>
      )}
      {data && values.length === 0 && (
        <Text size="xs" c="dimmed">
          No values
        </Text>
      )}
      <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
        <Stack gap={4} className={classes.list} role="group" aria-label={`${props.spec.label} values`}>
          {values.map((v) => (
            <Checkbox
              key={v.value}
              size="xs"
              classNames={{ body: classes.body, labelWrapper: classes.labelWrapper }}
              checked={draft.values.includes(v.value)}
              onChange={(e) => toggle(v.value, e.currentTarget.checked)}
              label={
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="xs" truncate>
                    {label(v.value)}
                  </Text>
                  <Text size="xs" c="dimmed" className={classes.count}>
                    {formatNumber(v.count)}
                  </Text>
                </Group>
              }
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
      {draft.values.length > 0 && (
        <Anchor component="button" size="xs" onClick={clear}>
          {formatNumber(draft.values.length)} selected · clear
        </Anchor>
      )}
    </FilterPanel>
  );
}
