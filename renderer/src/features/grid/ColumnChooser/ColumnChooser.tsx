import { ActionIcon, Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconColumns3, IconPin, IconPinFilled } from '@tabler/icons-react';
import { useState } from 'react';
import type { AttributeGroup, ProfileKind } from '../../../../../common/keys';
import { attributeSections, useAttributes } from '../../attributes';
import type { ColumnLayoutItem, GridLayout } from '../layout';
import classes from './ColumnChooser.module.css';

export interface ColumnChooserProps {
  kind: ProfileKind;
  layout: GridLayout;
  onChange: (layout: GridLayout) => void;
  onReset: () => void;
}

const GROUP_LABELS: Record<Exclude<AttributeGroup, 'custom'>, string> = {
  identity: 'Identity',
  time: 'Time',
  application: 'Application',
  geo: 'Geography',
  device: 'Device',
  os: 'Operating system',
  browser: 'Browser',
  activity: 'Activity',
};

/** Pick, order and pin the grid's columns. Changes apply at once and persist per page. */
export function ColumnChooser({ kind, layout, onChange, onReset }: ColumnChooserProps) {
  const specs = useAttributes(kind);
  const [opened, setOpened] = useState(false);
  // Checking a hidden column moves it to the shown list, unmounting the focused checkbox: focus
  // leaves the dropdown, and with it the Popover's own Escape handling. Escape closes it anyway.
  useWindowEvent('keydown', (e) => {
    if (opened && e.key === 'Escape') setOpened(false);
  });
  const labelOf = (key: string) => specs.find((s) => s.key === key)?.label ?? key;
  const visible = new Set(layout.columns.map((c) => c.key));
  const update = (columns: ColumnLayoutItem[]) => onChange({ version: 1, columns });

  const move = (index: number, delta: number) => {
    const columns = [...layout.columns];
    const [item] = columns.splice(index, 1);
    if (!item) return;
    columns.splice(index + delta, 0, item);
    update(columns);
  };
  const togglePin = (index: number) =>
    update(layout.columns.map((c, i) => (i === index ? { ...c, pinned: c.pinned ? null : 'left' } : c)));
  const toggle = (key: string, checked: boolean) => {
    if (checked) update([...layout.columns, { key, pinned: null }]);
    else if (layout.columns.length > 1) update(layout.columns.filter((c) => c.key !== key));
  };

  // Built-in groups, then a "Custom" group per source; a new custom attribute waits here until picked.
  const groups = Object.keys(GROUP_LABELS) as Array<keyof typeof GROUP_LABELS>;
  const hiddenGroups = attributeSections(
    specs.filter((s) => !visible.has(s.key)),
    groups,
    GROUP_LABELS,
  ).map((section) => ({ label: section.source ? `Custom · ${section.source}` : section.label, specs: section.specs }));

  return (
    <Popover width={320} position="bottom-end" shadow="md" withArrow trapFocus opened={opened} onChange={setOpened}>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns3 size={16} />} aria-label="Choose columns" onClick={() => setOpened((o) => !o)}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="column-chooser">
        <ScrollArea.Autosize mah="min(70vh, 560px)" type="auto">
          <Stack gap={2} p="sm">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              Shown ({layout.columns.length})
            </Text>
            {layout.columns.map((c, i) => (
              <Group key={c.key} gap={4} wrap="nowrap" className={classes.row}>
                <Checkbox
                  size="xs"
                  className={classes.check}
                  label={labelOf(c.key)}
                  checked
                  disabled={layout.columns.length === 1}
                  onChange={(e) => toggle(c.key, e.currentTarget.checked)}
                />
                <Tooltip label={c.pinned ? 'Unpin' : 'Pin to the left'} openDelay={400}>
                  <ActionIcon
                    size="sm"
                    variant={c.pinned ? 'light' : 'subtle'}
                    color={c.pinned ? undefined : 'gray'}
                    aria-label={`${c.pinned ? 'Unpin' : 'Pin'} ${labelOf(c.key)}`}
                    aria-pressed={c.pinned != null}
                    onClick={() => togglePin(i)}
                  >
                    {c.pinned ? <IconPinFilled size={14} /> : <IconPin size={14} />}
                  </ActionIcon>
                </Tooltip>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Move ${labelOf(c.key)} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Move ${labelOf(c.key)} down`}
                  disabled={i === layout.columns.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            ))}
            {hiddenGroups.map((g) => (
              <Stack key={g.label} gap={2}>
                <Divider my={6} label={g.label} labelPosition="left" />
                {g.specs.map((s) => (
                  <Checkbox
                    key={s.key}
                    size="xs"
                    className={classes.row}
                    label={s.label}
                    checked={false}
                    onChange={(e) => toggle(s.key, e.currentTarget.checked)}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="space-between" wrap="nowrap" className={classes.footer}>
          <Text size="xs" c="dimmed">
            Drag headers to reorder, too
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={onReset} className={classes.reset}>
            Reset to default
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
