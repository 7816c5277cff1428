import { BarChart, ChartTooltip, LineChart } from '@mantine/charts';
import type { TooltipContentProps } from 'recharts';
import type { Interval } from '../../../../common/analytics';
import { formatNumber, plural } from '../../../../common/format';
import { bucketLabel, bucketTick, seriesColors } from './display';
import type { ChartKind } from './request';
import type { PivotedVolume } from './series';

export interface VolumeChartProps {
  pivoted: PivotedVolume;
  interval: Interval;
  kind: ChartKind;
  height?: number;
}

/** Past this many buckets, dots on a line are noise. */
const DOTS_UP_TO = 45;

const formatValue = (n: number): string => formatNumber(n);

/** Sessions per bucket as a line per series or stacked bars, with hover values and a legend. */
export function VolumeChart({ pivoted, interval, kind, height = 340 }: VolumeChartProps) {
  const colors = seriesColors(pivoted.series);
  const series = pivoted.series.map((s, i) => ({ name: s.key, label: s.label, color: colors[i] }));
  const breakdown = series.length > 1 || pivoted.series[0]?.value !== undefined;

  const common = {
    h: height,
    data: pivoted.rows,
    dataKey: 'bucket',
    series,
    valueFormatter: formatValue,
    withLegend: breakdown,
    legendProps: { verticalAlign: 'bottom' as const, height: 44 },
    // Horizontal lines only: the eye reads values across, buckets are labelled below.
    gridAxis: 'x' as const,
    tickLine: 'none' as const,
    xAxisProps: { tickFormatter: bucketTick, minTickGap: 28, tickMargin: 8 },
    yAxisProps: { allowDecimals: false, width: 56, tickFormatter: formatValue },
    tooltipAnimationDuration: 120,
    tooltipProps: {
      content: ({ label, payload }: TooltipContentProps<number, string>) => {
        const row = pivoted.rows.find((r) => r.bucket === label);
        return (
          <ChartTooltip
            label={
              label === undefined
                ? undefined
                : `${bucketLabel(String(label), interval)}${breakdown && row ? ` · ${plural(row.total, 'session')}` : ''}`
            }
            payload={payload as unknown as Record<string, unknown>[] | undefined}
            series={series}
            valueFormatter={formatValue}
          />
        );
      },
    },
    'data-testid': 'volume-chart',
    'data-chart': kind,
  };

  if (kind === 'bar') {
    return <BarChart {...common} type={breakdown ? 'stacked' : 'default'} maxBarWidth={36} fillOpacity={0.9} />;
  }
  return <LineChart {...common} curveType="linear" withDots={pivoted.rows.length <= DOTS_UP_TO} strokeWidth={2} connectNulls />;
}
