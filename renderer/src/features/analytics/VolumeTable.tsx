import { ColorSwatch, Group, Table } from '@mantine/core';
import type { Interval } from '../../../../common/analytics';
import { formatNumber } from '../../../../common/format';
import { bucketLabel, seriesColors } from './display';
import type { PivotedVolume } from './series';
import classes from './VolumeTable.module.css';

export interface VolumeTableProps {
  pivoted: PivotedVolume;
  interval: Interval;
  height?: number;
}

/**
 * The chart's numbers: one row per bucket, one column per series, a total column, and the
 * totals row inside the sticky header so it stays in view while the buckets scroll.
 */
export function VolumeTable({ pivoted, interval, height = 340 }: VolumeTableProps) {
  const { series, rows } = pivoted;
  const breakdown = series.length > 1 || series[0]?.value !== undefined;
  const colors = seriesColors(series);
  const totals = series.map((s) => rows.reduce((sum, r) => sum + (r[s.key] as number), 0));

  return (
    // A plain scroller: the sticky header sticks to its edge (a padded viewport would offset it).
    <div className={classes.scroll} style={{ maxHeight: height }}>
      <Table stickyHeader striped highlightOnHover withColumnBorders={breakdown} verticalSpacing={4} fz="sm" data-testid="volume-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{interval === 'week' ? 'Week' : 'Day'}</Table.Th>
            {breakdown &&
              series.map((s, i) => (
                <Table.Th key={s.key} ta="right">
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <ColorSwatch color={`var(--mantine-color-${colors[i]!.replace('.', '-')})`} size={10} withShadow={false} />
                    {s.label}
                  </Group>
                </Table.Th>
              ))}
            <Table.Th ta="right">{breakdown ? 'Total' : 'Sessions'}</Table.Th>
          </Table.Tr>
          <Table.Tr fw={700} className={classes.totals}>
            <Table.Th>Total</Table.Th>
            {breakdown &&
              totals.map((t, i) => (
                <Table.Th key={series[i]!.key} ta="right" ff="monospace">
                  {formatNumber(t)}
                </Table.Th>
              ))}
            <Table.Th ta="right" ff="monospace" data-testid="volume-total">
              {formatNumber(pivoted.total)}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.bucket} data-bucket={row.bucket}>
              <Table.Td>{bucketLabel(row.bucket, interval)}</Table.Td>
              {breakdown &&
                series.map((s) => (
                  <Table.Td key={s.key} ta="right" ff="monospace">
                    {formatNumber(row[s.key] as number)}
                  </Table.Td>
                ))}
              <Table.Td ta="right" ff="monospace" fw={breakdown ? 600 : undefined}>
                {formatNumber(row.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
