import { describe, expect, it } from 'vitest';
import { USER_ATTRIBUTES, type AttributeSpec } from '../../../../common/keys';
import { BREAKDOWN_ATTRIBUTES, breakdownAttributes, buildVolumeRequest, DEFAULT_CONTROLS, queryError } from './request';

const custom = (key: string, type: AttributeSpec['type'], lowCardinality?: boolean): AttributeSpec => ({
  key,
  label: key,
  type,
  group: 'custom',
  source: 'CRM',
  ...(lowCardinality ? { lowCardinality } : {}),
});
const WITH_CUSTOM: AttributeSpec[] = [...USER_ATTRIBUTES, custom('ltv', 'number'), custom('tier', 'text', true), custom('vip', 'boolean'), custom('note', 'text'), custom('signed_up', 'time')];

const NOW = Date.UTC(2025, 5, 15);

describe('buildVolumeRequest', () => {
  it('leaves the range to the core by default', () => {
    expect(buildVolumeRequest(DEFAULT_CONTROLS, NOW)).toEqual({ ok: true, input: { interval: 'day' } });
  });

  it('passes the query, segment, range and breakdown with its top N', () => {
    const request = buildVolumeRequest(
      { query: ' last_country_code:FR ', segment: 'Buyers', interval: 'week', from: '2025-03-01', to: 'now-1d', breakdown: 'last_browser_name', top: 3 },
      NOW,
    );
    expect(request).toEqual({
      ok: true,
      input: { interval: 'week', query: 'last_country_code:FR', segment: 'Buyers', from: '2025-03-01', to: 'now-1d', breakdown: 'last_browser_name', top: 3 },
    });
  });

  it('reports a malformed query with its position, and bad times, without an input', () => {
    const request = buildVolumeRequest({ ...DEFAULT_CONTROLS, query: 'frist_seen:>now-7d', from: 'yesterday', to: '2025-02-30' }, NOW);
    expect(request.ok).toBe(false);
    if (request.ok) return;
    expect(request.errors.query).toMatch(/Unknown key "frist_seen" at position 0; did you mean "first_seen"/);
    expect(request.errors.from).toMatch(/relative time/);
    expect(request.errors.to).toMatch(/relative time/);
  });

  it('refuses a range that ends before it starts', () => {
    const request = buildVolumeRequest({ ...DEFAULT_CONTROLS, from: '2025-04-01', to: '2025-03-01' }, NOW);
    expect(request).toEqual({ ok: false, errors: { to: 'The range ends before it starts' } });
  });
});

describe('queryError', () => {
  it('is undefined for a query that reads, and names the position otherwise', () => {
    expect(queryError('', NOW)).toBeUndefined();
    expect(queryError('session_count:>=5 (last_device_type:mobile OR last_device_type:tablet)', NOW)).toBeUndefined();
    expect(queryError('session_count:>=5 (', NOW)).toMatch(/position 19/);
  });
});

describe('BREAKDOWN_ATTRIBUTES', () => {
  it('offers text, country and number attributes, never times', () => {
    const keys = BREAKDOWN_ATTRIBUTES.map((a) => a.key);
    expect(keys).toContain('last_country_code');
    expect(keys).toContain('session_count');
    expect(keys).not.toContain('last_seen');
  });
});

describe('custom attributes', () => {
  it('lets the query name them once they are known', () => {
    expect(queryError('ltv:>100', NOW)).toMatch(/Unknown key "ltv"/);
    expect(queryError('ltv:>100 tier:gold', NOW, WITH_CUSTOM)).toBeUndefined();
    const request = buildVolumeRequest({ ...DEFAULT_CONTROLS, query: 'ltv:>100', breakdown: 'tier' }, NOW, WITH_CUSTOM);
    expect(request).toEqual({ ok: true, input: { interval: 'day', query: 'ltv:>100', breakdown: 'tier', top: 5 } });
  });

  it('offers booleans and few-valued text as breakdowns, never custom numbers or times', () => {
    const keys = breakdownAttributes(WITH_CUSTOM).map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['tier', 'vip', 'session_count', 'last_country_code']));
    expect(keys).not.toContain('ltv');
    expect(keys).not.toContain('signed_up');
    expect(keys).not.toContain('note');
  });
});

