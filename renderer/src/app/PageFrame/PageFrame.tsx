import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './PageFrame.module.css';

export interface PageFrameProps {
  title: string;
  description?: string;
  children: ReactNode;
}

/** A page's title and the area below it, filling the shell's main region. */
export function PageFrame({ title, description, children }: PageFrameProps) {
  return (
    <Stack gap="sm" className={classes.root}>
      <Group gap="sm" align="baseline">
        <Title order={1} size="h3">
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Group>
      <div className={classes.body}>{children}</div>
    </Stack>
  );
}
