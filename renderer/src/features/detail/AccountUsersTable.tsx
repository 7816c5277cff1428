import { Table, Text } from '@mantine/core';
import type { ProfileRow } from '../../../../common/keys';
import { Muted } from '../../components/Muted';
import { TimeText } from '../../components/TimeText';
import { formatNumber } from '../../../../common/format';
import classes from './AccountUsersTable.module.css';

export interface AccountUsersTableProps {
  users: ProfileRow[];
  onOpen: (userId: string) => void;
}

const str = (v: unknown): string | null => (v == null || v === '' ? null : String(v));

/** An account's users, most recently seen first; a row opens the user. */
export function AccountUsersTable({ users, onOpen }: AccountUsersTableProps) {
  if (users.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No users recorded for this account
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" data-testid="account-users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>First seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th ta="right">Sessions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => {
            const id = String(u.user_id);
            const name = str(u.user_name);
            const email = str(u.user_email);
            return (
              <Table.Tr
                key={id}
                className={classes.row}
                tabIndex={0}
                role="link"
                aria-label={`Open user ${name ?? email ?? id}`}
                onClick={() => onOpen(id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(id);
                  }
                }}
                data-user-id={id}
              >
                <Table.Td>
                  <Text size="sm" fw={500} truncate>
                    {name ?? email ?? id}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {name ? (email ?? id) : email ? id : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TimeText value={str(u.first_seen)} />
                </Table.Td>
                <Table.Td>
                  <TimeText value={str(u.last_seen)} />
                </Table.Td>
                <Table.Td ta="right">{u.session_count == null ? <Muted /> : formatNumber(Number(u.session_count))}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
