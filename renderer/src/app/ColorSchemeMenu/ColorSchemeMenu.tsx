import { ActionIcon, Menu, Tooltip, useComputedColorScheme, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const OPTIONS: ReadonlyArray<{ value: MantineColorScheme; label: string; icon: React.ReactNode }> = [
  { value: 'light', label: 'Light', icon: <IconSun size={16} /> },
  { value: 'dark', label: 'Dark', icon: <IconMoon size={16} /> },
  { value: 'auto', label: 'Follow system', icon: <IconDeviceDesktop size={16} /> },
];

/** Light, dark or the OS's scheme (the default). */
export function ColorSchemeMenu() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  return (
    <Menu position="bottom-end" width={180} shadow="md">
      <Menu.Target>
        <Tooltip label="Theme" openDelay={300}>
          <ActionIcon variant="default" size="lg" aria-label="Color scheme">
            {computed === 'dark' ? <IconMoon size={18} /> : <IconSun size={18} />}
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Theme</Menu.Label>
        {OPTIONS.map((o) => (
          <Menu.Item
            key={o.value}
            leftSection={o.icon}
            rightSection={colorScheme === o.value ? <IconCheck size={14} /> : null}
            onClick={() => setColorScheme(o.value)}
          >
            {o.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
