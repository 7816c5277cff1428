import { Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DetailSectionProps {
  title: string;
  /** Right of the title (counts, links). */
  aside?: ReactNode;
  children: ReactNode;
  /** Wrap the content in a bordered card. @default true */
  card?: boolean;
}

/** A titled block of a profile detail. The title is a heading (tests and screen readers find it). */
export function DetailSection({ title, aside, children, card = true }: DetailSectionProps) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group justify="space-between" align="baseline">
        <Title order={4}>{title}</Title>
        {aside}
      </Group>
      {card ? (
        <Paper withBorder radius="md" p="sm" bg="var(--pd-surface)">
          {children}
        </Paper>
      ) : (
        children
      )}
    </Stack>
  );
}
