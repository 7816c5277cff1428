/**
 * The pieces of a run's status cell (a source's sync, a feed's pull): running now with Cancel,
 * never run, the last run's badge, and a failure's reason. Shared so the Sources and Feeds tables
 * show a run's state alike; each table keeps its own test ids, words and figures.
 */
import { Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './RunStatus.module.css';

/** A run's status as a badge's color and label. */
export const RUN_BADGES = {
  ok: { color: 'teal', label: 'OK' },
  failed: { color: 'red', label: 'Failed' },
  cancelled: { color: 'yellow', label: 'Cancelled' },
  running: { color: 'violet', label: 'Running' },
} as const;

export interface RunningStatusProps {
  /** The cell's `data-testid`; its `data-status` is `running`. */
  testId: string;
  className?: string;
  /** What it is doing, in bold next to the spinner. */
  label: string;
  labelTestId?: string;
  loaderColor?: string;
  cancelling: boolean;
  onCancel: () => void;
  /** The live figures under the label. */
  children?: ReactNode;
}

/** A run going on now: a spinner and what it is doing, its figures, and Cancel. */
export function RunningStatus({ testId, className, label, labelTestId, loaderColor, cancelling, onCancel, children }: RunningStatusProps) {
  return (
    <Stack gap={2} data-testid={testId} data-status="running" className={className}>
      <Group gap={6} wrap="nowrap">
        <Loader size={12} color={loaderColor} />
        <Text size="sm" fw={600} data-testid={labelTestId}>
          {label}
        </Text>
      </Group>
      {children}
      <Button size="compact-xs" variant="subtle" color="red" onClick={onCancel} loading={cancelling} className={classes.cancel}>
        Cancel
      </Button>
    </Stack>
  );
}

/** Nothing ran yet ("Never synced", "Never pulled"); its `data-status` is `never`. */
export function NeverRunBadge({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Badge variant="outline" color="gray" tt="none" data-testid={testId} data-status="never">
      {children}
    </Badge>
  );
}

/** A failed run's reason, clamped to two lines (`className` sets the width) with the whole in a tooltip. */
export function RunError({ error, testId, className }: { error: string; testId: string; className?: string }) {
  return (
    <Tooltip label={error} multiline maw={360} withinPortal>
      <Text size="xs" c="red" className={className ? `${classes.error} ${className}` : classes.error} data-testid={testId}>
        {error}
      </Text>
    </Tooltip>
  );
}
