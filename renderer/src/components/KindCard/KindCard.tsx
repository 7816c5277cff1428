import { Group, Radio, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './KindCard.module.css';

export interface KindCardProps {
  /** The kind it picks, also its `data-kind`. */
  kind: string;
  icon: ReactNode;
  label: string;
  hint: ReactNode;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * One card of a Radio.Group that picks what kind of thing to add (a source's CSV, Salesforce or
 * Snowflake; a feed's Datadog, URL or folder): the radio, the kind's icon, its name and a hint.
 * Shared so the Add-attributes wizard and the feed form pick a kind with the same cards.
 */
export function KindCard({ kind, icon, label, hint, disabled, 'aria-label': ariaLabel }: KindCardProps) {
  return (
    <Radio.Card value={kind} className={classes.card} disabled={disabled} data-kind={kind} aria-label={ariaLabel}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Radio.Indicator />
        {icon}
        <Stack gap={2} className={classes.text}>
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
}
