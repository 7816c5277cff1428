import { NativeSelect, TextInput } from '@mantine/core';
import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback, useRef } from 'react';
import type { ProfileFilterParams } from '../columns';
import { isActive, TEXT_MODES, type ColumnFilterModel, type TextMode } from '../filterModel';
import { FilterPanel } from './FilterPanel';
import { useDraftModel } from './useDraftModel';

type TextModel = Extract<ColumnFilterModel, { kind: 'text' }>;
type Props = CustomFilterProps<unknown, unknown, TextModel> & ProfileFilterParams;

/** Text column filter: contains / equals / starts with / does not contain / has a value / is empty. */
export function TextFilter(props: Props) {
  const input = useRef<HTMLInputElement>(null);
  const empty = useCallback((): TextModel => ({ kind: 'text', mode: 'contains', value: '' }), []);
  const { draft, setDraft, commit, clear } = useDraftModel(props.model, props.onModelChange, empty);
  useGridFilter({ doesFilterPass: () => true, afterGuiAttached: () => input.current?.focus() });
  const mode = TEXT_MODES.find((m) => m.value === draft.mode);

  return (
    <FilterPanel title={props.spec.label} active={isActive(props.model)} onClear={clear}>
      <NativeSelect
        size="xs"
        aria-label="Condition"
        data={TEXT_MODES.map((m) => ({ value: m.value, label: m.label }))}
        value={draft.mode}
        onChange={(e) => setDraft({ ...draft, mode: e.currentTarget.value as TextMode }, true)}
      />
      {mode?.needsValue !== false && (
        <TextInput
          ref={input}
          size="xs"
          aria-label={`${props.spec.label} value`}
          placeholder="Value…"
          value={draft.value}
          onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </FilterPanel>
  );
}
