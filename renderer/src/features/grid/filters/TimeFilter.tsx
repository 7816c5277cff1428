import { Chip, Group, TextInput } from '@mantine/core';
import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback } from 'react';
import type { ProfileFilterParams } from '../columns';
import { isActive, TIME_PRESETS, type ColumnFilterModel } from '../filterModel';
import { FilterPanel } from './FilterPanel';
import { useDraftModel } from './useDraftModel';

type TimeModel = Extract<ColumnFilterModel, { kind: 'time' }>;
type Props = CustomFilterProps<unknown, unknown, TimeModel> & ProfileFilterParams;

const pad = (n: number): string => String(n).padStart(2, '0');

/** ms → the local `YYYY-MM-DD` a date input shows. */
export function toDateInput(ms: number | null): string {
  if (ms == null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local `YYYY-MM-DD` → ms at the start (or the last ms) of that local day. */
export function fromDateInput(value: string, endOfDay: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return endOfDay ? new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime() - 1 : start.getTime();
}

/** Time column filter: relative presets or a local date range (sent as ms since epoch). */
export function TimeFilter(props: Props) {
  const empty = useCallback((): TimeModel => ({ kind: 'time', from: null, to: null }), []);
  const { draft, setDraft, clear } = useDraftModel(props.model, props.onModelChange, empty, 0);
  useGridFilter({ doesFilterPass: () => true });

  const choosePreset = (value: string) => {
    const preset = TIME_PRESETS.find((p) => p.value === value);
    if (!preset) return;
    if (draft.preset === value) {
      clear();
      return;
    }
    // Resolved once here: a relative bound recomputed per request would change every query.
    setDraft({ kind: 'time', from: Date.now() - preset.ms, to: null, preset: value }, true);
  };

  return (
    <FilterPanel title={props.spec.label} active={isActive(props.model)} onClear={clear}>
      <Chip.Group multiple={false} value={draft.preset ?? null} onChange={(v) => v && choosePreset(v)}>
        <Group gap={6}>
          {TIME_PRESETS.map((p) => (
            <Chip key={p.value} value={p.value} size="xs" variant="light" onClick={() => draft.preset === p.value && clear()}>
              {p.label.replace('Last ', '')}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group grow gap="xs">
        <TextInput
          type="date"
          size="xs"
          label="From"
          value={toDateInput(draft.from)}
          onChange={(e) => setDraft({ kind: 'time', from: fromDateInput(e.currentTarget.value, false), to: draft.to }, true)}
        />
        <TextInput
          type="date"
          size="xs"
          label="To"
          value={toDateInput(draft.to)}
          onChange={(e) => setDraft({ kind: 'time', from: draft.from, to: fromDateInput(e.currentTarget.value, true) }, true)}
        />
      </Group>
    </FilterPanel>
  );
}
