import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { formatBytes, formatNumber } from '../../../../../common/format';
import type { ExportState } from '../useExportJob';

export interface ExportProgressProps {
  state: ExportState;
  onCancel: () => void;
}

/** A running export's rows with cancel, or how the last one ended. */
export function ExportProgress({ state, onCancel }: ExportProgressProps) {
  if (state.phase === 'running') {
    const share = state.totalRows ? (100 * state.rows) / state.totalRows : 0;
    return (
      <Stack gap={6} data-testid="export-progress">
        <Progress value={share} animated={state.totalRows === null} aria-label="Export progress" />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {formatNumber(state.rows)} of {state.totalRows === null ? '…' : formatNumber(state.totalRows)} rows
          </Text>
          <Button size="xs" variant="subtle" color="red" onClick={onCancel} loading={state.cancelling}>
            Cancel export
          </Button>
        </Group>
      </Stack>
    );
  }
  if (state.phase === 'done') {
    const { summary } = state;
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Exported" data-testid="export-done">
        {formatNumber(summary.rows)} rows, {formatBytes(summary.bytes)}, to {summary.target}
        {summary.download ? ' (your browser downloads it)' : ''}.
      </Alert>
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <Text size="sm" c="dimmed">
        Export cancelled: no file was written.
      </Text>
    );
  }
  return null;
}
