import { Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { plural } from '../../../../../common/format';
import classes from './GridToolbar.module.css';

export interface GridToolbarProps {
  /** Noun for the count, singular (e.g. "user"). */
  noun: string;
  /** The search box (QueryBox). */
  search: ReactNode;
  /** Matching rows; null while counting. */
  count: number | null;
  /** All rows of the page (shown beside the count when a filter is active). */
  total: number | null;
  filtered: boolean;
  /** Right-side actions (column chooser…). */
  actions?: ReactNode;
}

/** Search box, live count and actions above a profile grid. */
export function GridToolbar({ noun, search, count, total, filtered, actions }: GridToolbarProps) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" className={classes.left}>
        {search}
        <Group gap={6} wrap="nowrap">
          {count === null ? (
            <Loader size="xs" type="dots" />
          ) : (
            <Text fw={600} size="sm" data-testid="row-count" className={classes.count}>
              {plural(count, noun)}
            </Text>
          )}
          {filtered && total !== null && count !== null && (
            <Text size="sm" c="dimmed" className={classes.count}>
              of {total.toLocaleString()}
            </Text>
          )}
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}
