import { Code, Group, Input, List, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Draft, ScheduleChoice } from '../draft';
import classes from './AddAttributesWizard.module.css';

export interface StepScheduleProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  editing: boolean;
  /** Why the source name can't be used, if it can't. */
  nameProblem: string | null;
  /** The attribute names being imported. */
  names: string[];
}

const CHOICES: Array<{ value: ScheduleChoice; label: string }> = [
  { value: 'manual', label: 'Manual' },
  { value: 'hourly', label: 'Hourly' },
  { value: 'daily', label: 'Daily' },
  { value: 'every', label: 'Every N minutes' },
];

/** Step 5: the source's name and when it syncs by itself. */
export function StepSchedule({ draft, update, editing, nameProblem, names }: StepScheduleProps) {
  const where = draft.kind === 'csv' ? draft.fileName : `${draft.connection} · ${draft.table}`;
  return (
    <Stack gap="md" data-testid="step-schedule">
      <TextInput
        label="Source name"
        description={editing ? 'Saving replaces this source; its values stay until the new sync succeeds' : 'How the list and the history name it'}
        value={draft.name}
        onChange={(e) => update({ name: e.currentTarget.value })}
        error={nameProblem}
        disabled={editing}
        maxLength={100}
        required
      />
      <Stack gap={6}>
        <Input.Label>Sync</Input.Label>
        <SegmentedControl value={draft.schedule} onChange={(v) => update({ schedule: v as ScheduleChoice })} data={CHOICES} aria-label="Schedule" className={classes.entity} />
        {draft.schedule === 'every' && (
          <Group gap="xs" align="center">
            <Text size="sm">Every</Text>
            <NumberInput
              value={draft.everyMinutes}
              onChange={(v) => update({ everyMinutes: typeof v === 'number' ? v : Number(v) || 0 })}
              min={5}
              max={7 * 24 * 60}
              step={5}
              w={110}
              aria-label="Minutes between syncs"
              error={draft.everyMinutes < 5 || draft.everyMinutes > 10080 ? '5 to 10,080' : undefined}
            />
            <Text size="sm">minutes</Text>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Scheduled syncs run while the app (or <Code>serve</Code>) is open, and catch up when it starts if one is overdue.
        </Text>
      </Stack>
      <Stack gap={4}>
        <Input.Label>Summary</Input.Label>
        <List size="sm" spacing={2} className={classes.summary}>
          <List.Item>
            Reads <b>{where}</b>
          </List.Item>
          <List.Item>
            Joins <Code>{draft.joinColumn}</Code> to <Code>{draft.joinAttribute}</Code> of {draft.entity === 'users' ? 'user' : 'account'} profiles
          </List.Item>
          <List.Item>
            Imports{' '}
            {names.map((n, i) => (
              <span key={n}>
                {i > 0 && ', '}
                <Code>{n}</Code>
              </span>
            ))}
          </List.Item>
        </List>
      </Stack>
    </Stack>
  );
}
