import { AppShell, Burger, Button, Group, Kbd, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDatabase, IconFileImport, IconUserCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { JobStatus, useImport } from '../../features/import';
import { basename, plural } from '../../../../common/format';
import { ColorSchemeMenu } from '../ColorSchemeMenu';
import { Navigation } from '../Navigation';
import type { PageId } from '../pages';
import { MOD_LABEL, ShortcutsHelp } from '../ShortcutsHelp';
import { useStoreInfo } from '../StoreInfo';
import classes from './Shell.module.css';

export interface ShellProps {
  page: PageId;
  onNavigate: (page: PageId) => void;
  children: ReactNode;
}

/** The application frame: header with actions, navigation, main area, status bar. */
export function Shell({ page, onNavigate, children }: ShellProps) {
  const [navOpened, { toggle }] = useDisclosure(false);
  const { info } = useStoreInfo();
  const { openPicker, uploads } = useImport();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      footer={{ height: 34 }}
      padding="md"
      classNames={{ main: classes.main, footer: classes.footer, navbar: classes.navbar }}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <ThemeIcon variant="gradient" gradient={{ from: 'violet', to: 'grape', deg: 135 }} size="md" radius="md">
              <IconUserCircle size={18} />
            </ThemeIcon>
            <Text fw={700} size="md">
              Profile Desk
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip
              label={
                <Group gap={4}>
                  Import RUM event files <Kbd size="xs">{MOD_LABEL}</Kbd>+<Kbd size="xs">O</Kbd>
                </Group>
              }
              openDelay={300}
            >
              <Button leftSection={<IconFileImport size={16} />} size="sm" onClick={openPicker} loading={uploads.length > 0}>
                Import events…
              </Button>
            </Tooltip>
            <ShortcutsHelp />
            <ColorSchemeMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <Navigation page={page} onNavigate={onNavigate} users={info?.users} accounts={info?.accounts} />
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>

      <AppShell.Footer>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md" role="status" aria-label="Status">
          <Group gap={6} wrap="nowrap" miw={0} className={classes.store}>
            <IconDatabase size={14} />
            <Text size="xs" c="dimmed" truncate title={info?.dbPath}>
              {info ? `${basename(info.dbPath)} · ${plural(info.users, 'user')} · ${plural(info.accounts, 'account')}` : 'Connecting…'}
            </Text>
          </Group>
          <JobStatus />
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
