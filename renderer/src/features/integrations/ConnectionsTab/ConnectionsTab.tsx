import { ActionIcon, Alert, Badge, Button, EmptyState, Group, Loader, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDots, IconPencil, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionInfo, ConnectionKind } from '../../../../../common/attributes';
import { call, errorMessage } from '../../../api';
import { authLabel, SECRET_LABELS } from '../ConnectionForm';
import { KindIcon } from '../KindIcon';
import { useConnections } from '../useSources';
import { ConnectionModal } from './ConnectionModal';
import classes from './ConnectionsTab.module.css';

type TestResult = { ok: true; identity: string } | { ok: false; message: string } | 'testing';

/** Where a connection logs in, in a few words. */
function where(c: ConnectionInfo): string {
  return c.kind === 'salesforce' ? (c.fields.auth === 'token' ? c.fields.instanceUrl : c.fields.loginUrl) ?? '' : c.fields.account ?? '';
}

/** Saved Salesforce and Snowflake connections: who each logs in as, test, edit, forget. */
export function ConnectionsTab() {
  const { items, error, loading } = useConnections();
  const [editing, setEditing] = useState<{ kind: ConnectionKind; saved: ConnectionInfo | null } | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult>>({});
  const [forgetting, setForgetting] = useState<ConnectionInfo | null>(null);
  const [forgetError, setForgetError] = useState<string | null>(null);

  const test = async (c: ConnectionInfo) => {
    setTests((t) => ({ ...t, [c.name]: 'testing' }));
    try {
      const { identity } = await call('connections.test', { name: c.name });
      setTests((t) => ({ ...t, [c.name]: { ok: true, identity } }));
    } catch (err) {
      setTests((t) => ({ ...t, [c.name]: { ok: false, message: errorMessage(err) } }));
    }
  };

  const forget = async () => {
    if (!forgetting) return;
    try {
      await call('connections.forget', { name: forgetting.name });
      setForgetting(null);
    } catch (err) {
      setForgetError(errorMessage(err));
    }
  };

  const newButtons = (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'salesforce', saved: null })}>
        Salesforce connection
      </Button>
      <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'snowflake', saved: null })}>
        Snowflake connection
      </Button>
    </Group>
  );

  return (
    <Stack gap="md" data-testid="connections-tab">
      {error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not list connections">
          {errorMessage(error)}
        </Alert>
      )}
      {items === undefined && loading && <Loader size="sm" type="dots" />}
      {items && items.length === 0 && (
        <EmptyState
          icon={<IconPlugConnected size={32} stroke={1.5} />}
          title="No connections yet"
          description="A connection signs in to Salesforce or Snowflake with your own credentials. They are encrypted on this computer and never leave the app."
          py="xl"
          data-testid="no-connections"
        >
          <EmptyState.Actions>{newButtons}</EmptyState.Actions>
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <Group justify="flex-end">{newButtons}</Group>
          <Table verticalSpacing="xs" className={classes.table} data-testid="connections-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Signs in to</Table.Th>
                <Table.Th>Connected as</Table.Th>
                <Table.Th>Secrets saved</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => {
                const result = tests[c.name];
                return (
                  <Table.Tr key={c.id} data-connection={c.name}>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <KindIcon kind={c.kind} size="sm" />
                        <Text size="sm" fw={600} className={classes.wrap}>
                          {c.name}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td className={classes.where}>
                      <Text size="sm" className={classes.wrap}>
                        {where(c)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {authLabel(c.kind, c.fields.auth)}
                        {c.fields.username ? ` · ${c.fields.username}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td data-testid="connection-identity" className={classes.identity}>
                      {result === 'testing' ? (
                        <Loader size="xs" type="dots" />
                      ) : result && !result.ok ? (
                        <Text size="sm" c="red" className={classes.wrap} data-testid="connection-test-error">
                          {result.message}
                        </Text>
                      ) : (result?.identity ?? c.identity) ? (
                        <Group gap={4} wrap="nowrap">
                          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
                          <Text size="sm" className={classes.wrap}>
                            {result?.identity ?? c.identity}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not tested yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {c.secrets.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            none
                          </Text>
                        ) : (
                          c.secrets.map((s) => (
                            <Badge key={s} variant="light" color="gray" tt="none" radius="sm" className={classes.badge}>
                              {SECRET_LABELS[s]}
                            </Badge>
                          ))
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => void test(c)} loading={result === 'testing'}>
                          Test
                        </Button>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${c.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing({ kind: c.kind, saved: c })}>
                              Edit…
                            </Menu.Item>
                            <Menu.Divider />
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => {
                                setForgetError(null);
                                setForgetting(c);
                              }}
                            >
                              Forget…
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
      <ConnectionModal editing={editing} onClose={() => setEditing(null)} />
      <Modal opened={forgetting !== null} onClose={() => setForgetting(null)} title={`Forget connection “${forgetting?.name ?? ''}”?`}>
        <Stack gap="md">
          <Text size="sm">
            Removes the connection and its saved secrets from this computer. Sources that read through it must be removed first.
          </Text>
          {forgetError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              {forgetError}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setForgetting(null)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void forget()}>
              Forget
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
