import { Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { FileSummary, ImportSummary } from '../../../../../common/types';
import { StatCard } from '../../../components/StatCard';
import { basename, formatBytes, formatDuration, formatNumber } from '../../../../../common/format';
import classes from './SummaryDetails.module.css';

const STATUS_COLOR: Record<FileSummary['status'], string> = { imported: 'teal', failed: 'red', cancelled: 'yellow' };

/** The numbers of an import: totals, profiles touched, files, skipped records and first errors. */
export function SummaryDetails({ summary }: { summary: ImportSummary }) {
  const reasons = Object.entries(summary.skippedByReason).sort((a, b) => b[1] - a[1]);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
        <StatCard label="Records" value={formatNumber(summary.records)} />
        <StatCard label="Imported" value={formatNumber(summary.imported)} />
        <StatCard label="Skipped" value={formatNumber(summary.skipped)} tone={summary.skipped > 0 ? 'warn' : undefined} />
        <StatCard label="Excluded" value={formatNumber(summary.excluded)} hint="synthetics, CI tests" title="Events of Synthetics and CI Visibility test sessions are not profiles" />
        <StatCard label="Duration" value={formatDuration(summary.durationMs)} />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="xs">
        <StatCard
          label="Users"
          value={`${formatNumber(summary.users.new)} new`}
          hint={`${formatNumber(summary.users.updated)} updated`}
          testId="summary-users"
        />
        <StatCard
          label="Accounts"
          value={`${formatNumber(summary.accounts.new)} new`}
          hint={`${formatNumber(summary.accounts.updated)} updated`}
          testId="summary-accounts"
        />
      </SimpleGrid>

      <Stack gap={6}>
        <Title order={5}>Files</Title>
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th ta="right">Records</Table.Th>
                <Table.Th ta="right">Imported</Table.Th>
                <Table.Th ta="right">Skipped</Table.Th>
                <Table.Th ta="right">Excluded</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.files.map((f, i) => (
                <Table.Tr key={`${f.file}-${i}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" title={f.file} className={classes.file}>
                      {basename(f.file)}
                    </Text>
                    {f.error && (
                      <Text size="xs" c="red">
                        {f.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.nowrap}>
                    {formatBytes(f.bytes)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(f.records)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(f.imported)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(f.skipped)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(f.excluded)}</Table.Td>
                  <Table.Td className={classes.nowrap}>
                    <Badge variant="light" color={STATUS_COLOR[f.status]} className={classes.status}>
                      {f.status}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>

      {reasons.length > 0 && (
        <Stack gap={6}>
          <Title order={5}>Skipped by reason</Title>
          <Group gap="xs">
            {reasons.map(([reason, n]) => (
              <Badge key={reason} variant="outline" color="yellow" tt="none" size="lg">
                {reason}: {formatNumber(n)}
              </Badge>
            ))}
          </Group>
        </Stack>
      )}

      {summary.errors.length > 0 && (
        <Stack gap={6}>
          <Title order={5}>First errors</Title>
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="summary-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th ta="right">Line</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.errors.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td ff="monospace">{basename(e.file)}</Table.Td>
                  <Table.Td ta="right">{e.line}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
