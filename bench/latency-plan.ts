/** What the grid-latency bench asks: the filters, and the block offsets for a result size. */
import type { Filter } from '../common/filter';
import { mulberry32 } from '../main/core/sample/prng';

export interface BenchFilter {
  name: string;
  label: string;
  /**
   * Variant i of the filter, for Profile Desk and as DuckDB SQL over its user table. Counts
   * cycle through variants (other countries, other prefixes) so that a result cache in the
   * core can't turn the measurement into cache hits; variant 0 is the one in the label.
   */
  filter: (i: number) => Filter | null;
  sql: (i: number) => string;
}

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'IN'];
const PREFIXES = ['ali', 'emm', 'car', 'dav', 'jul'];
const at = <T>(list: T[], i: number): T => list[i % list.length]!;

const country = (i: number): Filter => ({ op: 'eq', key: 'last_country_code', value: at(COUNTRIES, i) });
const text = (i: number): Filter => ({ op: 'text', text: at(PREFIXES, i) });
const countrySql = (i: number): string => `upper(last_country_code) = '${at(COUNTRIES, i)}'`;
/** Free text: a word prefix of id, email or name (ARCHITECTURE.md §8). */
const textSql = (i: number): string =>
  `regexp_matches(lower(concat_ws(' ', user_id, user_email, user_name)), '(^|[^a-z0-9])${at(PREFIXES, i)}')`;

export const FILTERS: BenchFilter[] = [
  { name: 'none', label: 'no filter', filter: () => null, sql: () => 'TRUE' },
  { name: 'country', label: 'last_country_code:US', filter: country, sql: countrySql },
  { name: 'text', label: 'free text "ali"', filter: text, sql: textSql },
  {
    name: 'country+text',
    label: 'last_country_code:US ali',
    filter: (i) => ({ op: 'and', items: [country(i), text(i)] }),
    sql: (i) => `${countrySql(i)} AND ${textSql(i)}`,
  },
  {
    name: 'sessions',
    label: 'session_count:>=3',
    filter: (i) => ({ op: 'range', key: 'session_count', gte: 3 + i }),
    sql: (i) => `session_count >= ${3 + i}`,
  },
];

/** Filters whose blocks are measured for every sort key (the others: counts only). */
export const BLOCK_FILTERS = ['none', 'country', 'text'];

export const BLOCK = 100;

/**
 * Offsets of the sampled blocks in a result of `total` rows: the first block, the middle,
 * the last and a random one (fixed seed, so runs compare).
 */
export function blockOffsets(total: number, seed: number): number[] {
  const last = Math.max(0, total - BLOCK);
  return [0, Math.floor(last / 2), last, Math.floor(mulberry32(seed)() * (last + 1))];
}

/** The offset DuckDB is sampled at: one block per row, as sorting 1M rows there takes ~1 s. */
export const DUCK_OFFSET_INDEX = 1;
