import { Anchor, Group, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatNumber } from '../../../../common/format';
import classes from './BarList.module.css';

export interface BarListItem {
  key: string;
  label: ReactNode;
  value: number;
  /** Hover text for the label (e.g. a full URL path). */
  title?: string;
}

export interface BarListProps {
  items: BarListItem[];
  /** Unit after the number, e.g. "visits". */
  unit?: string;
  /** Text when there are no items. @default 'Nothing recorded' */
  emptyText?: string;
  /** Items shown before "Show all". @default 10 */
  limit?: number;
  'aria-label'?: string;
}

/** Horizontal bars scaled to the largest value, label over the bar, number on the right. */
export function BarList({ items, unit, emptyText = 'Nothing recorded', limit = 10, ...rest }: BarListProps) {
  const [expanded, setExpanded] = useState(false);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  const max = Math.max(...items.map((i) => i.value), 1);
  const shown = expanded ? items : items.slice(0, limit);
  return (
    <>
      <ul className={classes.list} aria-label={rest['aria-label']}>
        {shown.map((item) => (
          <li key={item.key} className={classes.item}>
            <div className={classes.track}>
              <div className={classes.bar} style={{ width: `${Math.max(2, (item.value / max) * 100)}%` }} />
              <Group gap="xs" wrap="nowrap" className={classes.label} title={item.title}>
                {item.label}
              </Group>
            </div>
            <Text size="sm" fw={600} className={classes.value} title={unit ? `${formatNumber(item.value)} ${unit}` : undefined}>
              {formatNumber(item.value)}
            </Text>
          </li>
        ))}
      </ul>
      {items.length > limit && (
        <Anchor component="button" size="xs" mt={6} onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Show fewer' : `Show all ${formatNumber(items.length)}`}
        </Anchor>
      )}
    </>
  );
}
