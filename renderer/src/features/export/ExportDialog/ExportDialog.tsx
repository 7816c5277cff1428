import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, Text, TextInput, type ComboboxData } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { countMethod, kindPlural } from '../../../../../common/entities';
import { plural } from '../../../../../common/format';
import type { AttributeSpec, ProfileKind } from '../../../../../common/keys';
import { getTransport, useQuery } from '../../../api';
import { attributeSections, isCustom, useAttributes } from '../../attributes';
import { exportFileName } from '../exportTarget';
import { ExportProgress } from '../ExportProgress';
import { useExportJob, type ExportRequest } from '../useExportJob';

export interface ExportDialogProps {
  opened: boolean;
  onClose: () => void;
  kind: ProfileKind;
  /** What to export: the grid's query, segment, column filters and sort (or a segment alone). */
  selection: Pick<ExportRequest, 'query' | 'segment' | 'filter' | 'sort'>;
  /** The columns proposed, in order (the grid's visible ones); every column when empty. */
  columns: string[];
  /** The proposed file name, without `.csv`. */
  name: string;
}

/** The built-in columns, then the custom ones under their source's name. */
function columnOptions(specs: readonly AttributeSpec[]): ComboboxData {
  const option = (a: AttributeSpec) => ({ value: a.key, label: `${a.label} (${a.key})` });
  const builtIn = specs.filter((a) => !isCustom(a)).map(option);
  const sections = attributeSections(specs, [], {});
  if (sections.length === 0) return builtIn;
  return [{ group: 'Profile', items: builtIn }, ...sections.map((s) => ({ group: s.label, items: s.specs.map(option) }))];
}

/** Export to CSV: columns, formula guard and BOM, then a job with progress and cancel. */
export function ExportDialog({ opened, onClose, kind, selection, columns, name }: ExportDialogProps) {
  const entity = kindPlural(kind);
  const all = useAttributes(kind);
  const [chosen, setChosen] = useState<string[]>(columns);
  const [fileName, setFileName] = useState(name);
  const [formulaGuard, setFormulaGuard] = useState(true);
  const [bom, setBom] = useState(false);
  const { state, start, cancel, reset } = useExportJob();
  const { data: counted } = useQuery(countMethod(kind), opened ? { query: selection.query, segment: selection.segment, filter: selection.filter ?? null } : null);

  // Each opening starts from what the grid shows now.
  useEffect(() => {
    if (!opened) return;
    setChosen(columns.length > 0 ? columns : all.map((a) => a.key));
    setFileName(name);
    reset();
  }, [opened]);

  const running = state.phase === 'running';
  const close = () => {
    if (!running) onClose();
  };
  const submit = () =>
    void start({ entity, ...selection, columns: chosen, formulaGuard, bom }, exportFileName(fileName));

  return (
    <Modal opened={opened} onClose={close} title="Export CSV" size="lg" closeOnClickOutside={!running} withCloseButton={!running}>
      <Stack gap="md" data-testid="export-dialog">
        <Text size="sm" c="dimmed">
          {counted ? `${plural(counted.count, kind)} ` : 'Every matching row '}
          {selection.segment ? `in segment “${selection.segment}”` : ''}
          {selection.query ? ` matching ${selection.query}` : ''}
          {counted ? ', every row, not only the loaded ones.' : ''}
        </Text>
        <TextInput
          label="File name"
          value={fileName}
          onChange={(e) => setFileName(e.currentTarget.value)}
          rightSection={<Text size="xs" c="dimmed">.csv</Text>}
          rightSectionWidth={40}
          disabled={running}
          description={getTransport().kind === 'http' ? 'Downloaded by your browser' : 'You choose the folder next'}
        />
        <MultiSelect
          label="Columns"
          description="In this order; the header row uses the canonical keys"
          data={columnOptions(all)}
          value={chosen}
          onChange={setChosen}
          searchable
          clearable
          disabled={running}
          maxDropdownHeight={240}
          error={chosen.length === 0 ? 'Choose at least one column' : undefined}
        />
        <Checkbox
          label="Neutralise formulas"
          description="Cells starting with = + - @ get a leading ' so a spreadsheet shows them as text"
          checked={formulaGuard}
          onChange={(e) => setFormulaGuard(e.currentTarget.checked)}
          disabled={running}
        />
        <Checkbox
          label="Byte order mark for Excel"
          description="Lets Excel read the UTF-8 file; other tools don't need it"
          checked={bom}
          onChange={(e) => setBom(e.currentTarget.checked)}
          disabled={running}
        />
        <ExportProgress state={state} onCancel={cancel} />
        {state.phase === 'failed' && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Export failed">
            {state.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={running}>
            {state.phase === 'done' ? 'Close' : 'Cancel'}
          </Button>
          <Button leftSection={<IconDownload size={16} />} onClick={submit} loading={running} disabled={chosen.length === 0}>
            {state.phase === 'done' ? 'Export again' : 'Export'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
