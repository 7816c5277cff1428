import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './StatCard.module.css';

export interface StatCardProps {
  label: string;
  value: ReactNode;
  /** A second line under the value (e.g. a relative time). */
  hint?: ReactNode;
  /** Font size of the value. @default 'lg' */
  size?: 'md' | 'lg';
  /** `warn` colours the value (e.g. skipped records). @default undefined */
  tone?: 'warn';
  /** Hover text (e.g. an exact time). */
  title?: string;
  testId?: string;
}

/** A small labelled number, used in summaries and detail headers. */
export function StatCard({ label, value, hint, size = 'lg', tone, title, testId }: StatCardProps) {
  return (
    <Paper withBorder p="xs" radius="md" className={classes.root} title={title} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" className={classes.label}>
        {label}
      </Text>
      <Text fw={650} size={size} c={tone === 'warn' ? 'yellow.7' : undefined} className={classes.value}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" truncate>
          {hint}
        </Text>
      )}
    </Paper>
  );
}
