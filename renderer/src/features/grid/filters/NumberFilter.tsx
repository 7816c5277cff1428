import { Group, NumberInput } from '@mantine/core';
import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback, useRef } from 'react';
import type { ProfileFilterParams } from '../columns';
import { isActive, type ColumnFilterModel } from '../filterModel';
import { FilterPanel } from './FilterPanel';
import { useDraftModel } from './useDraftModel';

type NumberModel = Extract<ColumnFilterModel, { kind: 'number' }>;
type Props = CustomFilterProps<unknown, unknown, NumberModel> & ProfileFilterParams;

const toBound = (value: string | number): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Number column filter: an inclusive range, either end open. */
export function NumberFilter(props: Props) {
  const input = useRef<HTMLInputElement>(null);
  const empty = useCallback((): NumberModel => ({ kind: 'number', min: null, max: null }), []);
  const { draft, setDraft, commit, clear } = useDraftModel(props.model, props.onModelChange, empty);
  // Counts are never negative; a custom number (a balance, a score) may be.
  const minimum = props.spec.group === 'custom' ? undefined : 0;
  useGridFilter({ doesFilterPass: () => true, afterGuiAttached: () => input.current?.focus() });
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') commit();
  };

  return (
    <FilterPanel title={props.spec.label} active={isActive(props.model)} onClear={clear}>
      <Group grow gap="xs">
        <NumberInput
          ref={input}
          size="xs"
          label="At least"
          placeholder="Min"
          min={minimum}
          value={draft.min ?? ''}
          onChange={(v) => setDraft({ ...draft, min: toBound(v) })}
          onKeyDown={onKeyDown}
        />
        <NumberInput
          size="xs"
          label="At most"
          placeholder="Max"
          min={minimum}
          value={draft.max ?? ''}
          onChange={(v) => setDraft({ ...draft, max: toBound(v) })}
          onKeyDown={onKeyDown}
        />
      </Group>
    </FilterPanel>
  );
}
