/** `profile-desk users|accounts [--query Q] [--segment NAME] [--sort KEY[:asc|desc]] [--limit N | --all] [--json]` */
import { countMethod, kindPlural, pageMethod } from '../../common/entities';
import { formatNumber } from '../../common/format';
import { ACCOUNT_KEYS, USER_KEYS, type ProfileKind, type ProfileRow } from '../../common/keys';
import { booleanFlag, intFlag, parseFlags, stringFlag } from './args';
import type { Core } from '../core/types';
import { call, withCore } from './core';
import { EXIT_OK, UsageError } from './errors';
import { writeOut } from './output';
import { describeSelection, SELECTION_FLAGS, selectionOf } from './selection';
import { headerLine, measure, rowLines, type Column } from './table';

export const DEFAULT_LIMIT = 50;
/** The contract's largest page. */
export const BLOCK = 1000;

const COLUMNS: Record<ProfileKind, Column[]> = {
  user: [
    { key: 'user_id', header: 'user id', max: 36 },
    { key: 'user_email', header: 'email' },
    { key: 'user_name', header: 'name', max: 30 },
    { key: 'account_id', header: 'account', max: 24 },
    { key: 'last_seen', header: 'last seen (UTC)' },
    { key: 'session_count', header: 'sessions', numeric: true },
    { key: 'last_country_code', header: 'country' },
  ],
  account: [
    { key: 'account_id', header: 'account id', max: 36 },
    { key: 'account_name', header: 'name' },
    { key: 'user_count', header: 'users', numeric: true },
    { key: 'session_count', header: 'sessions', numeric: true },
    { key: 'first_seen', header: 'first seen (UTC)' },
    { key: 'last_seen', header: 'last seen (UTC)' },
  ],
};

export interface SortKey {
  key: string;
  dir: 'asc' | 'desc';
}

/**
 * `KEY`, `KEY:asc` or `KEY:desc`, with KEY an attribute key of the kind: the built-in ones by
 * default, or `keys` as the store has them (custom attributes included; see `attributeKeys`).
 */
export function parseSort(kind: ProfileKind, raw: string, keys: readonly string[] = kind === 'user' ? USER_KEYS : ACCOUNT_KEYS): SortKey {
  const colon = raw.lastIndexOf(':');
  const key = colon === -1 ? raw : raw.slice(0, colon);
  const dir = colon === -1 ? 'asc' : raw.slice(colon + 1).toLowerCase();
  if (!keys.includes(key)) {
    throw new UsageError(`Unknown sort key "${key}" for ${kind}s. Valid keys: ${keys.join(', ')}`);
  }
  if (dir !== 'asc' && dir !== 'desc') {
    throw new UsageError(`Sort direction must be asc or desc, not "${dir}" (e.g. --sort ${key}:desc)`);
  }
  return { key, dir };
}

/** Every attribute key of the kind in this store: the built-in ones, then the custom ones by source. */
export async function attributeKeys(core: Core, kind: ProfileKind): Promise<string[]> {
  const specs = await call(core, 'attributes.list', {});
  return specs[kind].map((s) => s.key);
}

export async function listCommand(kind: ProfileKind, args: string[], dbPath: string): Promise<number> {
  const name = kindPlural(kind);
  const parsed = parseFlags(name, args, { ...SELECTION_FLAGS, sort: 'string', limit: 'string', all: 'boolean', json: 'boolean' }, { positionals: false });
  const sortRaw = stringFlag(parsed, 'sort');
  const all = booleanFlag(parsed, 'all');
  const limitFlag = intFlag(parsed, 'limit', 1, Number.MAX_SAFE_INTEGER);
  if (all && limitFlag !== undefined) throw new UsageError('Use either --limit or --all, not both');
  const limit = all ? Infinity : limitFlag ?? DEFAULT_LIMIT;
  const json = booleanFlag(parsed, 'json');
  const selection = selectionOf(parsed);

  const columns = COLUMNS[kind];

  return withCore(dbPath, async (core) => {
    const sort = sortRaw === undefined ? [] : [parseSort(kind, sortRaw, await attributeKeys(core, kind))];
    let shown = 0;
    let widths: number[] | null = null;
    // Nothing goes to stdout before the first page answered: a bad query leaves stdout empty.
    while (shown < limit) {
      const size = Math.min(BLOCK, limit - shown);
      const { rows } = await call(core, pageMethod(kind), { offset: shown, limit: size, sort, ...selection });
      if (json) {
        await writeOut(rows.map((r: ProfileRow, i) => `${shown + i === 0 ? '[\n' : ',\n'}${JSON.stringify(r)}`).join(''));
      } else if (rows.length > 0) {
        if (widths === null) {
          widths = measure(columns, rows);
          await writeOut(`${headerLine(columns, widths)}\n`);
        }
        await writeOut(`${rowLines(columns, widths, rows).join('\n')}\n`);
      }
      shown += rows.length;
      if (rows.length < size) break;
    }
    if (json) {
      await writeOut(shown === 0 ? '[]\n' : '\n]\n');
      return EXIT_OK;
    }
    if (shown === 0) {
      const which = describeSelection(selection);
      await writeOut(`No ${name}${which ? ` ${which}` : ''}.\n`);
    } else if (shown === limit) {
      const { count: total } = await call(core, countMethod(kind), selection);
      if (total > shown) {
        process.stderr.write(`Showing ${formatNumber(shown)} of ${formatNumber(total)} ${name}; use --limit N or --all for more.\n`);
      }
    }
    return EXIT_OK;
  }, { existing: true });
}
