import { describe, expect, it } from 'vitest';
import { BREAKDOWN_ATTRIBUTES, buildVolumeRequest, DEFAULT_CONTROLS, queryError } from './request';

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
