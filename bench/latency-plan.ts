/** What the grid-latency bench asks: the filters, and the block offsets for a result size. */
import type { Filter } from '../common/filter';
import { mulberry32 } from '../main/core/sample/prng';

/** Which profiles, as users.page and users.count take them: a filter, or a query of the language. */
export type Selection = { filter: Filter | null } | { query: string };

export interface BenchFilter {
  name: string;
  label: string;
  /**
   * Variant i of the selection, for Profile Desk and as DuckDB SQL over its user table. Variants
   * cycle (other countries, other prefixes) so that a cache in the core can't turn the
   * measurement into cache hits: each new variant is a filter change. Variant 0 is the label's.
   */
  select: (i: number) => Selection;
  sql: (i: number) => string;
}

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'IN'];
const PREFIXES = ['ali', 'emm', 'car', 'dav', 'jul'];
const at = <T>(list: T[], i: number): T => list[i % list.length]!;
const set = (i: number): string[] => [at(COUNTRIES, i), at(COUNTRIES, i + 1), at(COUNTRIES, i + 2)];

const country = (i: number): Filter => ({ op: 'eq', key: 'last_country_code', value: at(COUNTRIES, i) });
const text = (i: number): Filter => ({ op: 'text', text: at(PREFIXES, i) });
const countrySql = (i: number): string => `upper(last_country_code) = '${at(COUNTRIES, i)}'`;
/** Free text: a word prefix of id, email or name (ARCHITECTURE.md §8). */
const textSql = (i: number): string =>
  `regexp_matches(lower(concat_ws(' ', user_id, user_email, user_name)), '(^|[^a-z0-9])${at(PREFIXES, i)}')`;
const filter = (f: Filter | null): Selection => ({ filter: f });

export const FILTERS: BenchFilter[] = [
  { name: 'none', label: 'no filter', select: () => filter(null), sql: () => 'TRUE' },
  { name: 'country', label: 'last_country_code:US', select: (i) => filter(country(i)), sql: countrySql },
  {
    name: 'set',
    label: 'last_country_code in (US, GB, FR)',
    select: (i) => filter({ op: 'in', key: 'last_country_code', values: set(i) }),
    sql: (i) => `upper(last_country_code) IN (${set(i).map((c) => `'${c}'`).join(', ')})`,
  },
  {
    name: 'sessions',
    label: 'session_count:>=3',
    select: (i) => filter({ op: 'range', key: 'session_count', gte: 3 + i }),
    sql: (i) => `session_count >= ${3 + i}`,
  },
  {
    name: 'wildcard',
    label: 'user_email:*ali*',
    select: (i) => filter({ op: 'like', key: 'user_email', pattern: `*${at(PREFIXES, i)}*` }),
    sql: (i) => `user_email ILIKE '%${at(PREFIXES, i)}%'`,
  },
  { name: 'text', label: 'free text "ali"', select: (i) => filter(text(i)), sql: textSql },
  {
    name: 'country+text',
    label: 'last_country_code:US ali',
    select: (i) => filter({ op: 'and', items: [country(i), text(i)] }),
    sql: (i) => `${countrySql(i)} AND ${textSql(i)}`,
  },
  {
    // Through the language's parser (selection.resolve), as the search box sends it.
    name: 'query',
    label: 'query "last_country_code:(US OR GB) session_count:>=2"',
    select: (i) => ({ query: `last_country_code:(${at(COUNTRIES, i)} OR ${at(COUNTRIES, i + 1)}) session_count:>=${2 + (i % 3)}` }),
    sql: (i) => `upper(last_country_code) IN ('${at(COUNTRIES, i)}', '${at(COUNTRIES, i + 1)}') AND session_count >= ${2 + (i % 3)}`,
  },
];

/** Filters whose blocks are measured for every sort key (the others: counts only). */
export const BLOCK_FILTERS = ['none', 'country', 'set', 'sessions', 'wildcard', 'text', 'query'];

export const BLOCK = 100;

/**
 * Offsets of the sampled blocks in a result of `total` rows: the first block, the middle,
 * the last and a random one (fixed seed, so runs compare). The middle is the first deep jump.
 */
export function blockOffsets(total: number, seed: number): number[] {
  const last = Math.max(0, total - BLOCK);
  return [0, Math.floor(last / 2), last, Math.floor(mulberry32(seed)() * (last + 1))];
}

/** The offset DuckDB is sampled at: one block per row, as sorting 1M rows there takes ~1 s. */
export const DUCK_OFFSET_INDEX = 1;
/** The offset of the first deep jump after a filter changes. */
export const FIRST_JUMP_INDEX = 1;
