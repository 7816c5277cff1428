/** The per-filter block table: every sample counts, first jumps included, worst sort named. */
import { describe, expect, it } from 'vitest';
import { blockOffsets, BLOCK_FILTERS } from './latency-plan';
import type { LatencyResult } from './measure-latency';
import { filterBlockTable } from './report';

const result = (firstJump: number): LatencyResult => ({
  users: 1000,
  blocks: {
    'none/user_email': { pd: [1, 2, 3, 4], duck: [40] },
    'none/last_seen': { pd: [2, 3, 4, 5], duck: [20] },
    'country/user_email': { pd: [5, 6, 7, firstJump], duck: [100] },
    'country/last_seen': { pd: [5, 30, 7, 8], duck: [100] },
  },
  firstJumps: { country: [firstJump] },
  sortChange: [12],
  counts: {},
});

const rowOf = (table: string, label: string): string[] =>
  table.split('\n').find((l) => l.startsWith(`| ${label}`))!.split('|').map((c) => c.trim());

describe('filterBlockTable', () => {
  it('gives p50, p95, max, first jumps, the worst sort and DuckDB per filter kind', () => {
    const table = filterBlockTable(result(9));
    expect(table).toContain('2 sort keys');
    const none = rowOf(table, 'no filter');
    expect(none.slice(2, 6)).toEqual(['8', '3.00 ms', '5.00 ms', '5.00 ms']);
    expect(none).toContain('last_seen 5.00 ms');
    expect(none).toContain('20.0 ms'); // DuckDB p50 of [40, 20], nearest rank
    const country = rowOf(table, 'last_country_code:US');
    expect(country).toContain('last_seen 30.0 ms');
    expect(country).toContain('9.00 ms'); // the first jump
    expect(country.at(-2)).toBe('OK');
  });

  it('fails the budget when the first jumps are slow, though most blocks are fast', () => {
    expect(rowOf(filterBlockTable(result(400)), 'last_country_code:US').at(-2)).toBe('OVER');
  });

  it('measures every kind of filter, the first deep jump being the middle block', () => {
    expect(BLOCK_FILTERS).toEqual(['none', 'country', 'set', 'sessions', 'wildcard', 'text', 'query']);
    expect(blockOffsets(1000, 7).slice(0, 3)).toEqual([0, 450, 900]);
  });
});
