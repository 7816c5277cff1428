import { ActionIcon, Group, Kbd, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';

export const MOD_LABEL = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const SHORTCUTS: ReadonlyArray<[string[], string]> = [
  [['/'], 'Focus search'],
  [[MOD_LABEL, 'F'], 'Focus search'],
  [[MOD_LABEL, 'O'], 'Import events…'],
  [['Enter'], 'Open the focused row'],
  [['Esc'], 'Close the profile / clear search'],
];

/** Lists the keyboard shortcuts. */
export function ShortcutsHelp() {
  return (
    <Popover position="bottom-end" shadow="md" width={260}>
      <Popover.Target>
        <Tooltip label="Keyboard shortcuts" openDelay={300}>
          <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts">
            <IconKeyboard size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          {SHORTCUTS.map(([keys, label]) => (
            <Group key={`${keys.join('+')}-${label}`} justify="space-between" gap="xs">
              <Text size="sm">{label}</Text>
              <Group gap={4}>
                {keys.map((k) => (
                  <Kbd key={k} size="xs">
                    {k}
                  </Kbd>
                ))}
              </Group>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
