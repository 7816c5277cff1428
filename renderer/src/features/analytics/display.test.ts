import { describe, expect, it } from 'vitest';
import { USER_ATTRIBUTES, type AttributeSpec } from '../../../../common/keys';
import { bucketLabel, bucketTick, rangeLabel, seriesColors, valueLabeller } from './display';

const spec = (key: string): AttributeSpec | undefined => USER_ATTRIBUTES.find((a) => a.key === key);

// Vitest runs with the machine's locale; the checks below hold in English locales (CI's).
describe('bucket labels', () => {
  it('reads buckets as UTC days', () => {
    expect(bucketTick('2025-03-03')).toMatch(/Mar 3|3 Mar/);
    expect(bucketLabel('2025-03-03', 'week')).toMatch(/^Week of .*2025/);
    expect(bucketLabel('2025-03-03', 'day')).toMatch(/^Mon, /);
  });

  it('ends a range on the day before its exclusive end', () => {
    expect(rangeLabel('2025-03-03T00:00:00.000Z', '2025-06-01T00:00:00.000Z')).toMatch(/Mar 3, 2025 – May 31, 2025|3 Mar 2025 – 31 May 2025/);
  });
});

describe('valueLabeller', () => {
  it('names countries, says Yes/No for booleans and leaves other attributes as stored', () => {
    expect(valueLabeller(spec('last_country_code'))?.('FR')).not.toBe('FR');
    expect(valueLabeller(spec('last_browser_name'))).toBeUndefined();
    expect(valueLabeller(undefined)).toBeUndefined();
    const vip: AttributeSpec = { key: 'vip', label: 'VIP', type: 'boolean', group: 'custom', source: 'CRM' };
    expect(['true', 'false', '1'].map(valueLabeller(vip)!)).toEqual(['Yes', 'No', 'Yes']);
  });
});

describe('seriesColors', () => {
  it('gives values distinct hues and none/other greys', () => {
    const colors = seriesColors([
      { key: 's0', value: 'a', label: 'a' },
      { key: 's1', value: 'b', label: 'b' },
      { key: 's2', value: null, label: '(none)' },
      { key: 's3', value: 'other', label: 'Other' },
    ]);
    expect(colors[0]).not.toBe(colors[1]);
    expect(colors.slice(2)).toEqual(['gray.3', 'gray.5']);
  });
});
