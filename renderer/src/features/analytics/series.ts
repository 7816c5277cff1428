/**
 * Pure shaping of a `SessionVolume` for the chart, the table and the CSV: one row per bucket
 * with one numeric key per series. Series keys are positional (`s0`, `s1`, …) because recharts
 * reads a `dataKey` with a dot as a path, and breakdown values can hold any character.
 */
import { OTHER_VALUE, type SessionVolume } from '../../../../common/analytics';
import { csvText } from '../../../../common/csv';

/** The one series of a volume without a breakdown. */
export const TOTAL_KEY = 'sessions';

export interface Series {
  /** The key of this series in each row. */
  key: string;
  /** The breakdown value as the core sent it (null for none); undefined for the total. */
  value?: string | null;
  /** What the analyst reads: "(none)", "Other", a country's name… */
  label: string;
}

export interface VolumeRow {
  bucket: string;
  /** Sessions in the bucket over every series. */
  total: number;
  [seriesKey: string]: number | string;
}

export interface PivotedVolume {
  series: Series[];
  rows: VolumeRow[];
  /** Sessions over the whole range. */
  total: number;
}

/** Labels a breakdown value: null is "(none)", the core's "other" is "Other", the rest via `label`. */
export function seriesLabel(value: string | null, label: (value: string) => string = (v) => v): string {
  if (value === null) return '(none)';
  if (value === OTHER_VALUE) return 'Other';
  return label(value);
}

/** Points (one per bucket, or one per bucket and value) into one row per bucket, in bucket order. */
export function pivotVolume(volume: SessionVolume, label?: (value: string) => string): PivotedVolume {
  const series: Series[] =
    volume.breakdown === undefined
      ? [{ key: TOTAL_KEY, label: 'Sessions' }]
      : (volume.values ?? []).map((value, i) => ({ key: `s${i}`, value, label: seriesLabel(value, label) }));
  const keyOf = new Map(series.map((s) => [s.value === undefined ? TOTAL_KEY : s.value, s.key]));
  const byBucket = new Map<string, VolumeRow>();
  for (const point of volume.points) {
    let row = byBucket.get(point.bucket);
    if (!row) {
      row = { bucket: point.bucket, total: 0 };
      for (const s of series) row[s.key] = 0;
      byBucket.set(point.bucket, row);
    }
    const key = volume.breakdown === undefined ? TOTAL_KEY : keyOf.get(point.value ?? null);
    // A value the series list doesn't name would be a core bug; counting it in the total only
    // keeps the table's total honest.
    if (key !== undefined) row[key] = (row[key] as number) + point.sessions;
    row.total += point.sessions;
  }
  const rows = [...byBucket.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
  return { series, rows, total: rows.reduce((sum, r) => sum + r.total, 0) };
}

/** Numbers as they are; text quoted, with the formula guard (common/csv.ts). */
function csvCell(value: string | number): string {
  return typeof value === 'number' ? String(value) : csvText(value, true);
}

/**
 * The series as CSV: `bucket,sessions` without a breakdown, else `bucket` then one column per
 * series and `total`. Series columns are headed by the value as stored (country codes stay codes,
 * like the profile export), "(none)" and "Other" as in the legend. Numbers unformatted, CRLF.
 */
export function volumeCsv(pivoted: PivotedVolume): string {
  const breakdown = !(pivoted.series.length === 1 && pivoted.series[0]!.key === TOTAL_KEY);
  const header = breakdown ? ['bucket', ...pivoted.series.map((s) => seriesLabel(s.value ?? null)), 'total'] : ['bucket', 'sessions'];
  const lines = [header.map(csvCell).join(',')];
  for (const row of pivoted.rows) {
    const cells = breakdown ? [row.bucket, ...pivoted.series.map((s) => row[s.key]!), row.total] : [row.bucket, row.total];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
