/**
 * How buckets and series read on the Analytics page. Buckets are UTC days (the core buckets in
 * UTC), so they are formatted in UTC: "Mar 3" in Tokyo and in Denver alike.
 */
import { OTHER_VALUE, type Interval } from '../../../../common/analytics';
import type { AttributeSpec } from '../../../../common/keys';
import { countryName } from '../../lib/format';
import { formatBoolean } from '../attributes/values';
import type { Series } from './series';

const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });

const dateOf = (bucket: string): Date => new Date(`${bucket}T00:00:00Z`);

/** The x-axis tick: "Mar 3". */
export function bucketTick(bucket: string): string {
  return shortDay.format(dateOf(bucket));
}

/** The bucket in a tooltip or the table: "Mon, Mar 3, 2025", or "Week of Mar 3, 2025". */
export function bucketLabel(bucket: string, interval: Interval): string {
  const date = dateOf(bucket);
  return interval === 'week' ? `Week of ${longDay.format(date)}` : `${weekday.format(date)}, ${longDay.format(date)}`;
}

/** The range a volume covers, `to` exclusive as the core sends it: "Mar 3 – May 31, 2025". */
export function rangeLabel(from: string, to: string): string {
  const last = new Date(Date.parse(to) - 1);
  return `${longDay.format(new Date(from))} – ${longDay.format(last)}`;
}

/** How a breakdown value reads: countries by name, booleans as Yes/No, the rest as stored. */
export function valueLabeller(spec: AttributeSpec | undefined): ((value: string) => string) | undefined {
  if (spec?.type === 'country') return (code) => countryName(code);
  if (spec?.type === 'boolean') return (value) => formatBoolean(value);
  return undefined;
}

/**
 * Distinct hues in an order where neighbours contrast (stacked bars touch each other); shade 6
 * reads on white and on Mantine's dark surfaces. "(none)" and "Other" are greys: they are the rest.
 */
const PALETTE = ['violet.6', 'teal.6', 'orange.6', 'blue.6', 'pink.6', 'lime.7', 'cyan.7', 'yellow.7', 'grape.6', 'indigo.4', 'red.6', 'green.7'];

export function seriesColors(series: readonly Series[]): string[] {
  let next = 0;
  return series.map((s) => {
    if (s.value === null) return 'gray.3';
    if (s.value === OTHER_VALUE) return 'gray.5';
    return PALETTE[next++ % PALETTE.length]!;
  });
}
