/**
 * `profile-desk sessions [--query Q] [--segment NAME] --interval day|week [--from T] [--to T]
 * [--breakdown KEY [--top N]] [--json]`: the Analytics page's session volume (`sessions.volume`).
 * `--json` prints the points as they come from the core, every bucket of the range included
 * (0 when empty); otherwise a table, one row per bucket, one column per breakdown value.
 */
import type { Interval, SessionVolume } from '../../common/analytics';
import { formatNumber } from '../../common/format';
import { booleanFlag, intFlag, parseFlags, stringFlag } from './args';
import { call, withCore } from './core';
import { EXIT_OK, UsageError } from './errors';
import { writeOut } from './output';
import { SELECTION_FLAGS, selectionOf } from './selection';

/** Largest --top the contract accepts. */
const MAX_TOP = 50;

function intervalFlag(raw: string | undefined): Interval {
  if (raw === undefined) throw new UsageError('Missing --interval day|week');
  if (raw !== 'day' && raw !== 'week') throw new UsageError(`--interval must be day or week, not "${raw}"`);
  return raw;
}

/** A breakdown value as a column header. */
const valueLabel = (value: string | null): string => (value === null ? '(none)' : value);

/** Rows of buckets; with a breakdown one column per value and a total. */
export function volumeTable(volume: SessionVolume): string[] {
  const series = volume.values ?? [];
  const buckets = [...new Set(volume.points.map((p) => p.bucket))];
  const byBucket = new Map<string, Map<string | null, number>>(buckets.map((b) => [b, new Map()]));
  for (const p of volume.points) byBucket.get(p.bucket)!.set(p.value ?? null, p.sessions);
  const header = [volume.interval === 'day' ? 'DAY' : 'WEEK OF', ...(volume.breakdown ? [...series.map(valueLabel), 'TOTAL'] : ['SESSIONS'])];
  const rows = buckets.map((bucket) => {
    const cells = byBucket.get(bucket)!;
    const counts = volume.breakdown ? series.map((v) => cells.get(v) ?? 0) : [cells.get(null) ?? 0];
    const total = counts.reduce((a, b) => a + b, 0);
    return [bucket, ...counts.map(formatNumber), ...(volume.breakdown ? [formatNumber(total)] : [])];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export async function sessionsCommand(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('sessions', args, {
    ...SELECTION_FLAGS,
    interval: 'string',
    from: 'string',
    to: 'string',
    breakdown: 'string',
    top: 'string',
    json: 'boolean',
  }, { positionals: false });
  const interval = intervalFlag(stringFlag(parsed, 'interval'));
  const breakdown = stringFlag(parsed, 'breakdown');
  const top = intFlag(parsed, 'top', 1, MAX_TOP);
  if (top !== undefined && breakdown === undefined) throw new UsageError('--top goes with --breakdown KEY');
  const from = stringFlag(parsed, 'from');
  const to = stringFlag(parsed, 'to');
  const selection = selectionOf(parsed);

  return withCore(dbPath, async (core) => {
    const volume = await call(core, 'sessions.volume', {
      ...selection,
      interval,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(breakdown !== undefined ? { breakdown } : {}),
      ...(top !== undefined ? { top } : {}),
    });
    if (booleanFlag(parsed, 'json')) {
      // One point a line: readable, and still one JSON array.
      await writeOut(volume.points.length === 0 ? '[]\n' : `[\n${volume.points.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`);
      return EXIT_OK;
    }
    const range = `${volume.from.slice(0, 10)} to ${volume.to.slice(0, 10)} (end exclusive, UTC)`;
    const by = volume.breakdown ? ` by ${volume.breakdown}` : '';
    await writeOut(`Sessions per ${interval}${by}, ${range}\n\n${volumeTable(volume).join('\n')}\n`);
    return EXIT_OK;
  }, { existing: true });
}
