import { Group, Input, NumberInput, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import type { FeedFormValues, ScheduleChoice } from '../feedForm';
import type { FeedFieldsProps } from './fields';

const CHOICES: Array<{ value: ScheduleChoice; label: string }> = [
  { value: 'manual', label: 'Manual' },
  { value: 'hourly', label: 'Hourly' },
  { value: 'daily', label: 'Daily' },
  { value: 'every', label: 'Every N minutes' },
];

const MIN_EVERY = 5;
const MAX_EVERY = 7 * 24 * 60;

/** When a feed pulls by itself (as attribute syncs do), and whether it is paused. Folders are watched instead. */
export function ScheduleField({ values, set, errors, disabled }: FeedFieldsProps) {
  const folder = values.kind === 'folder';
  const outOfRange = values.everyMinutes < MIN_EVERY || values.everyMinutes > MAX_EVERY;
  const paused = (
    <Switch
      label="Paused"
      description={folder ? 'Not watched; Scan now still imports new files' : 'Pulls only when asked'}
      checked={values.paused}
      onChange={(e) => set('paused', e.currentTarget.checked)}
      disabled={disabled}
    />
  );
  if (folder) return paused;
  return (
    <Stack gap={6}>
      <Input.Label>Pull</Input.Label>
      <Group gap="lg" align="flex-start" justify="space-between">
        <SegmentedControl
          value={values.schedule}
          onChange={(v) => set('schedule', v as FeedFormValues['schedule'])}
          data={CHOICES}
          aria-label="Schedule"
          disabled={disabled}
        />
        {paused}
      </Group>
      {values.schedule === 'every' && (
        <Group gap="xs" align="center">
          <Text size="sm">Every</Text>
          <NumberInput
            value={values.everyMinutes}
            onChange={(v) => set('everyMinutes', typeof v === 'number' ? v : Number(v) || 0)}
            min={MIN_EVERY}
            max={MAX_EVERY}
            step={5}
            w={110}
            allowDecimal={false}
            aria-label="Minutes between pulls"
            error={outOfRange ? '5 to 10,080' : errors.schedule}
            disabled={disabled}
          />
          <Text size="sm">minutes</Text>
        </Group>
      )}
      <Text size="xs" c="dimmed">
        Scheduled pulls run while the app (or its server) is open, and catch up when it starts if one is overdue.
      </Text>
    </Stack>
  );
}
