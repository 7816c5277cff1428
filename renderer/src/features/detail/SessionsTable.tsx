import { Table, Text } from '@mantine/core';
import type { SessionSummary } from '../../../../common/types';
import { Muted } from '../../components/Muted';
import { TimeText } from '../../components/TimeText';
import { formatDuration, formatNumber } from '../../../../common/format';
import { countryName } from '../../lib/format';

const orDash = (value: string | null) => (value ? value : <Muted />);

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
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="sessions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Start</Table.Th>
            <Table.Th ta="right">Duration</Table.Th>
            <Table.Th ta="right">Views</Table.Th>
            <Table.Th ta="right">Actions</Table.Th>
            <Table.Th ta="right">Errors</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>Device</Table.Th>
            <Table.Th>Browser</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.session_id} title={`Session ${s.session_id}${s.os_name ? ` · ${s.os_name}` : ''}`}>
              <Table.Td>
                <TimeText value={s.start} />
              </Table.Td>
              <Table.Td ta="right">{formatDuration(s.duration_ms)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.views)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.actions)}</Table.Td>
              <Table.Td ta="right">
                {s.errors > 0 ? (
                  <Text span size="sm" c="red" fw={600}>
                    {formatNumber(s.errors)}
                  </Text>
                ) : (
                  formatNumber(s.errors)
                )}
              </Table.Td>
              <Table.Td title={s.country_code ?? undefined}>{s.country_code ? countryName(s.country_code) : <Muted />}</Table.Td>
              <Table.Td>{orDash(s.device_type)}</Table.Td>
              <Table.Td>{orDash(s.browser_name)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
