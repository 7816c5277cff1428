import { Alert, Drawer, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api';

export interface HistoryDrawerProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The drawer's content `data-testid` (the end-to-end specs find it by this). */
  testId: string;
  /** The history failed to load. */
  error: Error | undefined;
  /** The first load is under way (nothing to show yet). */
  loading: boolean;
  /** The history loaded and has no runs: `emptyText` shows. */
  empty: boolean;
  emptyText: string;
  /** The runs, once there are some. */
  children: ReactNode;
}

/**
 * The drawer of a thing's runs (a source's syncs, a feed's pulls): its error, its first load and
 * its "never run yet" are shown alike, so the two histories only differ in their runs' columns.
 */
export function HistoryDrawer({ opened, onClose, title, testId, error, loading, empty, emptyText, children }: HistoryDrawerProps) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={title}>
      <Stack gap="lg" data-testid={testId}>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            {errorMessage(error)}
          </Alert>
        )}
        {loading && <Loader size="sm" type="dots" />}
        {empty && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )}
        {children}
      </Stack>
    </Drawer>
  );
}
