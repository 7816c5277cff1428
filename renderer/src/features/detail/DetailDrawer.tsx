import { ActionIcon, Drawer, Group, Text, Tooltip } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { AccountDetail } from './AccountDetail';
import { useDetail } from './DetailProvider';
import { UserDetail } from './UserDetail';
import classes from './DetailDrawer.module.css';

/** The right-hand drawer that shows the selected user or account. */
export function DetailDrawer() {
  const { current, depth, back, close } = useDetail();
  const title = current?.kind === 'account' ? 'Account profile' : 'User profile';
  return (
    <Drawer
      opened={current !== null}
      onClose={close}
      position="right"
      size="min(920px, 94vw)"
      padding="lg"
      overlayProps={{ backgroundOpacity: 0.25, blur: 1 }}
      classNames={{ body: classes.body, header: classes.header }}
      aria-label={title}
      title={
        <Group gap="xs">
          {depth > 1 && (
            <Tooltip label="Back">
              <ActionIcon variant="subtle" color="gray" onClick={back} aria-label="Back">
                <IconArrowLeft size={18} />
              </ActionIcon>
            </Tooltip>
          )}
          <Text fw={600} c="dimmed" size="sm" tt="uppercase" data-testid="detail-kind">
            {title}
          </Text>
        </Group>
      }
    >
      {current?.kind === 'user' && <UserDetail key={`u:${current.id}`} id={current.id} />}
      {current?.kind === 'account' && <AccountDetail key={`a:${current.id}`} id={current.id} />}
    </Drawer>
  );
}
