import { Text, type TextProps } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Muted } from '../Muted';

export interface TimeTextProps extends TextProps {
  /** ISO string or ms since epoch; absent shows a muted dash. */
  value: string | number | null | undefined;
  /** Also show the relative age beside the time, dimmed. @default false */
  withRelative?: boolean;
}

/** A local date-time with its relative age on hover (and optionally inline). */
export function TimeText({ value, withRelative = false, ...props }: TimeTextProps) {
  if (value == null || value === '') return <Muted />;
  const relative = formatRelative(value);
  return (
    <Text span size="sm" title={`${relative} · ${formatDateTime(value, true)}`} {...props}>
      {formatDateTime(value)}
      {withRelative && (
        <Text span c="dimmed" size="xs" ml={6}>
          {relative}
        </Text>
      )}
    </Text>
  );
}
