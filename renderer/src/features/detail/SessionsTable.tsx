import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDuration, formatNumber } from '../../../../common/format';
import { SESSION_COLUMNS, type SessionColumn } from '../../../../common/sessions';
import type { SessionSummary } from '../../../../common/types';
import { Muted } from '../../components/Muted';
import { TimeText } from '../../components/TimeText';
import { countryName } from '../../lib/format';

const rightAligned = (column: SessionColumn) => column.type === 'number' || column.type === 'duration';

function cell(column: SessionColumn, session: SessionSummary): ReactNode {
  const value = session[column.key];
  if (value === null || value === '') return <Muted />;
  switch (column.type) {
    case 'time':
      return <TimeText value={String(value)} />;
    case 'duration':
      return formatDuration(Number(value));
    case 'country':
      return <span title={String(value)}>{countryName(String(value))}</span>;
    case 'number':
      // Errors stand out: a session with errors is what an analyst looks for first.
      return column.key === 'errors' && Number(value) > 0 ? (
        <Text span size="sm" c="red" fw={600}>
          {formatNumber(Number(value))}
        </Text>
      ) : (
        formatNumber(Number(value))
      );
    default:
      return String(value);
  }
}

/** A user's most recent sessions, newest first. */
export function SessionsTable({ sessions }: { sessions: SessionSummary[] }) {
  if (sessions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sessions recorded
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="sessions-table">
        <Table.Thead>
          <Table.Tr>
            {SESSION_COLUMNS.map((column) => (
              <Table.Th key={column.key} ta={rightAligned(column) ? 'right' : undefined}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.session_id} title={`Session ${s.session_id}`}>
              {SESSION_COLUMNS.map((column) => (
                <Table.Td key={column.key} ta={rightAligned(column) ? 'right' : undefined}>
                  {cell(column, s)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
