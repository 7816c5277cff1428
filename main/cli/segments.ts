/**
 * `profile-desk segments list [--entity users|accounts] [--json]`,
 * `segments save NAME --entity users|accounts (--query Q | --ids FILE.csv) [--replace]`,
 * `segments delete NAME`: saved segments through the dispatcher, like the app's segment panel.
 */
import { resolve } from 'node:path';
import { formatNumber, plural } from '../../common/format';
import type { SegmentImport, SegmentInfo } from '../../common/types';
import { booleanFlag, parseFlags, stringFlag, type ParsedFlags } from './args';
import { call, withCore } from './core';
import { CliError, EXIT_OK, UsageError } from './errors';
import { unreadableReason } from './files';
import { writeErr, writeOut } from './output';
import { renderTable, type Column } from './table';

type Entity = SegmentInfo['entity'];

const SUBCOMMANDS = 'list, save, delete';
/** Unmatched ids named on stderr after a list import (the core reports up to 100). */
const UNMATCHED_SHOWN = 10;

const LIST_COLUMNS: Column[] = [
  { key: 'name', header: 'name', max: 40 },
  { key: 'entity', header: 'entity' },
  { key: 'kind', header: 'kind' },
  { key: 'count', header: 'count', numeric: true },
  { key: 'query', header: 'query', max: 80 },
];

function entityFlag(parsed: ParsedFlags, required: boolean): Entity | undefined {
  const raw = stringFlag(parsed, 'entity');
  if (raw === undefined) {
    if (required) throw new UsageError('Missing --entity users|accounts (which profiles the segment holds)');
    return undefined;
  }
  if (raw !== 'users' && raw !== 'accounts') throw new UsageError(`--entity must be users or accounts, not "${raw}"`);
  return raw;
}

/** The one NAME argument of save and delete. */
function nameArgument(parsed: ParsedFlags, usage: string): string {
  const [name, extra] = parsed.positionals;
  if (name === undefined || extra !== undefined) throw new UsageError(`Usage: ${usage}`);
  return name;
}

async function listSegments(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('segments list', args, { entity: 'string', json: 'boolean' }, { positionals: false });
  const entity = entityFlag(parsed, false);
  return withCore(dbPath, async (core) => {
    const { segments } = await call(core, 'segments.list', entity ? { entity } : {});
    if (booleanFlag(parsed, 'json')) {
      await writeOut(`${JSON.stringify(segments, null, 2)}\n`);
      return EXIT_OK;
    }
    if (segments.length === 0) {
      await writeOut('No segments.\n');
      return EXIT_OK;
    }
    const rows = segments.map((s) => ({ ...s, count: s.count ?? 'error', query: s.query ?? '(list)' }));
    await writeOut(`${renderTable(LIST_COLUMNS, rows).join('\n')}\n`);
    for (const s of segments) if (s.error) writeErr(`segment "${s.name}": ${s.error}`);
    return EXIT_OK;
  }, { existing: true });
}

function importReport(entity: Entity, r: SegmentImport): void {
  if (r.unmatchedCount === 0) return;
  const shown = r.unmatched.slice(0, UNMATCHED_SHOWN);
  const more = r.unmatchedCount - shown.length;
  writeErr(`${plural(r.unmatchedCount, 'id')} in ${r.column} matched no ${entity === 'users' ? 'user' : 'account'}: ` +
    `${shown.join(', ')}${more > 0 ? ` and ${formatNumber(more)} more` : ''}`);
}

async function saveSegment(args: string[], dbPath: string): Promise<number> {
  const usage = 'profile-desk segments save NAME --entity users|accounts (--query Q | --ids FILE.csv) [--replace]';
  const parsed = parseFlags('segments save', args, { entity: 'string', query: 'string', ids: 'string', replace: 'boolean' });
  const name = nameArgument(parsed, usage);
  const entity = entityFlag(parsed, true)!;
  const query = stringFlag(parsed, 'query');
  const ids = stringFlag(parsed, 'ids');
  if ((query === undefined) === (ids === undefined)) throw new UsageError(`Give either --query or --ids (${usage})`);
  const replace = booleanFlag(parsed, 'replace');
  if (ids !== undefined) {
    const reason = unreadableReason(ids);
    if (reason !== null) throw new CliError(`${ids}: ${reason}`);
  }
  return withCore(dbPath, async (core) => {
    if (query !== undefined) {
      const saved = await call(core, 'segments.save', { name, entity, query, replace });
      await writeOut(`Saved segment "${saved.name}": ${countText(saved)}.\n`);
      return EXIT_OK;
    }
    const r = await call(core, 'segments.import', { name, entity, path: resolve(ids!), replace });
    await writeOut(`Saved segment "${r.segment.name}" from ${r.column}: ${formatNumber(r.matched)} of ${plural(r.rows, 'id')} matched, ` +
      `${formatNumber(r.unmatchedCount)} unmatched.\n`);
    importReport(entity, r);
    return EXIT_OK;
  }, { existing: true });
}

function countText(s: SegmentInfo): string {
  return s.count === null ? `its count cannot be computed (${s.error ?? 'unknown error'})` : plural(s.count, s.entity === 'users' ? 'user' : 'account');
}

async function deleteSegment(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('segments delete', args, {});
  const name = nameArgument(parsed, 'profile-desk segments delete NAME');
  return withCore(dbPath, async (core) => {
    await call(core, 'segments.delete', { name });
    await writeOut(`Deleted segment "${name}".\n`);
    return EXIT_OK;
  }, { existing: true });
}

export async function segmentsCommand(args: string[], dbPath: string): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return listSegments(rest, dbPath);
    case 'save':
      return saveSegment(rest, dbPath);
    case 'delete':
      return deleteSegment(rest, dbPath);
    case undefined:
      throw new UsageError(`Missing subcommand: profile-desk segments ${SUBCOMMANDS.replace(/, /g, '|')}`);
    default:
      throw new UsageError(`Unknown subcommand "segments ${sub}" (known: ${SUBCOMMANDS})`);
  }
}
