import { Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { SourceColumn } from '../../../../../common/attributes';
import { VALUE_TYPES } from '../../../../../common/attributes';
import type { ColumnChoice, Draft } from '../draft';
import { typeLabel } from '../PreviewTable';
import { nameError } from '../suggest';
import classes from './AddAttributesWizard.module.css';

export interface Taken {
  builtIn: ReadonlySet<string>;
  /** Attribute name → the other source that imports it. */
  otherSources: ReadonlyMap<string, string>;
}

/** Each selected column's name problem, by column (none when every name can be used). */
export function columnErrors(draft: Draft, taken: Taken): Record<string, string> {
  const chosen = Object.entries(draft.columns).filter(([, c]) => c.selected);
  const counts = new Map<string, number>();
  for (const [, c] of chosen) counts.set(c.name.trim(), (counts.get(c.name.trim()) ?? 0) + 1);
  const errors: Record<string, string> = {};
  for (const [column, c] of chosen) {
    const error = nameError(c.name.trim(), { ...taken, inDraft: counts.get(c.name.trim()) ?? 0 });
    if (error) errors[column] = error;
  }
  return errors;
}

export interface StepColumnsProps {
  draft: Draft;
  columns: SourceColumn[];
  taken: Taken;
  setColumn: (column: string, change: Partial<ColumnChoice>) => void;
  /** The attribute the core refused when saving, and why. */
  refused: { column: string; message: string } | null;
}

const TYPE_OPTIONS = VALUE_TYPES.map((t) => ({ value: t, label: t }));

/** Step 4: the columns to import, each with its attribute name (checked as it is typed) and type. */
export function StepColumns({ draft, columns, taken, setColumn, refused }: StepColumnsProps) {
  const errors = columnErrors(draft, taken);
  if (refused && !errors[refused.column]) errors[refused.column] = refused.message;
  const importable = columns.filter((c) => c.name !== draft.joinColumn);
  const selected = importable.filter((c) => draft.columns[c.name]?.selected).length;
  return (
    <Stack gap="sm" data-testid="step-columns">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Names are lower snake case, used in queries (<code>ltv:&gt;100</code>), columns and exports. Types default to the
          source’s.
        </Text>
        <Checkbox
          label="All"
          checked={selected === importable.length && importable.length > 0}
          indeterminate={selected > 0 && selected < importable.length}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            for (const c of importable) setColumn(c.name, { selected: on });
          }}
        />
      </Group>
      <div className={classes.columnsScroller}>
        <Table verticalSpacing={6} className={classes.columnsTable} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th aria-label="Import" />
              <Table.Th>Column</Table.Th>
              <Table.Th>Attribute name</Table.Th>
              <Table.Th>Type</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((c) => {
              const choice = draft.columns[c.name];
              if (!choice) return null;
              const isKey = c.name === draft.joinColumn;
              return (
                <Table.Tr key={c.name} data-column={c.name}>
                  <Table.Td className={classes.checkCell}>
                    <Checkbox
                      checked={choice.selected}
                      onChange={(e) => setColumn(c.name, { selected: e.currentTarget.checked })}
                      aria-label={`Import ${c.name}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} className={classes.wrap}>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed" className={classes.wrap}>
                      {c.label !== c.name ? `${c.label} · ` : ''}
                      {typeLabel(c)}
                      {isKey ? ' · the join key' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td className={classes.nameCell}>
                    <TextInput
                      value={choice.name}
                      onChange={(e) => setColumn(c.name, { name: e.currentTarget.value, named: true })}
                      error={choice.selected ? errors[c.name] : undefined}
                      disabled={!choice.selected}
                      aria-label={`Attribute name for ${c.name}`}
                      size="xs"
                      classNames={{ input: classes.mono }}
                      spellCheck={false}
                    />
                  </Table.Td>
                  <Table.Td className={classes.typeCell}>
                    <Select
                      data={TYPE_OPTIONS}
                      value={choice.type}
                      onChange={(v) => v && setColumn(c.name, { type: v as ColumnChoice['type'] })}
                      disabled={!choice.selected}
                      allowDeselect={false}
                      aria-label={`Type of ${c.name}`}
                      size="xs"
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
