import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './FilterPanel.module.css';

export interface FilterPanelProps {
  /** The column's label, shown as the panel title. */
  title: string;
  /** Whether the filter currently filters anything (enables "Clear"). */
  active: boolean;
  onClear: () => void;
  children: ReactNode;
}

/** The frame shared by every column filter: title, body, a clear button. */
export function FilterPanel({ title, active, onClear, children }: FilterPanelProps) {
  return (
    <Stack className={classes.root} gap="xs" data-testid="column-filter">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        Filter · {title}
      </Text>
      {children}
      <Group justify="flex-end" gap="xs">
        <Button size="compact-xs" variant="subtle" disabled={!active} onClick={onClear}>
          Clear
        </Button>
      </Group>
    </Stack>
  );
}
