/**
 * A static-list segment from a CSV file: a `user_id` or `user_email` column (users) or an
 * `account_id` column (accounts), matched against the profiles. Ids match exactly after
 * trimming, emails without regard to case; ids that match no profile are reported.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';
import type { SegmentEntity } from './segments';

export interface ListMatch {
  /** The profile ids (user_id or account_id) the list names, each once. */
  members: string[];
  /** The column the ids were read from. */
  column: string;
  /** Data rows read (blank ids skipped). */
  rows: number;
  matched: number;
  unmatchedCount: number;
  /** The first unmatched values, in file order. */
  unmatched: string[];
}

const MAX_REPORTED = 100;
const ID_COLUMNS: Record<SegmentEntity, string[]> = { users: ['user_id', 'user_email'], accounts: ['account_id'] };

export async function matchIdList(db: Db, entity: SegmentEntity, path: string, displayName = path): Promise<ListMatch> {
  const lookups = {
    user_id: db.prepare('SELECT user_id FROM users WHERE user_id = ?').pluck(),
    user_email: db.prepare('SELECT user_id FROM users WHERE user_email = ? COLLATE NOCASE').pluck(),
    account_id: db.prepare('SELECT account_id FROM accounts WHERE account_id = ?').pluck(),
  };
  const input = createReadStream(path);
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
  // pipe() doesn't pass the file's errors on (a missing file would hang the loop below).
  input.on('error', (err) => parser.destroy(err));
  const members = new Set<string>();
  const result: ListMatch = { members: [], column: '', rows: 0, matched: 0, unmatchedCount: 0, unmatched: [] };
  let index = -1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (index === -1) {
        [index, result.column] = idColumn(entity, record, displayName);
        continue;
      }
      const value = (record[index] ?? '').trim();
      if (value === '') continue;
      result.rows++;
      const found = (result.column === 'user_email' ? lookups.user_email.all(value) : [lookups[result.column as 'user_id'].get(value)]).filter(
        (id): id is string => typeof id === 'string',
      );
      if (found.length === 0) {
        result.unmatchedCount++;
        if (result.unmatched.length < MAX_REPORTED) result.unmatched.push(value);
        continue;
      }
      result.matched++;
      for (const id of found) members.add(id);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const e = err as NodeJS.ErrnoException & { lines?: number };
    if (e.code === 'ENOENT') throw new ApiError('invalid_input', `${displayName}: no such file`);
    throw new ApiError('invalid_input', `${displayName}${e.lines ? `, line ${e.lines}` : ''}: ${e.message}`);
  } finally {
    input.destroy();
  }
  if (index === -1) throw new ApiError('invalid_input', `${displayName} is empty: expected a header row with ${ID_COLUMNS[entity].join(' or ')}`);
  result.members = [...members];
  return result;
}

function idColumn(entity: SegmentEntity, header: string[], displayName: string): [number, string] {
  const names = header.map((h) => h.trim().toLowerCase().replace(/^@/, ''));
  for (const wanted of ID_COLUMNS[entity]) {
    const at = names.indexOf(wanted);
    if (at !== -1) return [at, wanted];
  }
  const found = header.slice(0, 10).map((h) => JSON.stringify(h.slice(0, 40))).join(', ');
  throw new ApiError('invalid_input', `${displayName} has no ${ID_COLUMNS[entity].join(' or ')} column (its header: ${found})`);
}
