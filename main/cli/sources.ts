/**
 * `profile-desk sources add --file SOURCE.json [--no-sync] [--replace] [--json]`,
 * `sources list [--json]`, `sources sync NAME [--json]`, `sources remove NAME`: custom attribute
 * sources through the dispatcher, like the app's Custom Attributes tab. `add` saves the inline
 * connection first (`connections.save`; an edit keeps the secrets the file leaves out), then the
 * source, then follows its first sync job.
 */
import type { SourceInfo, SyncReport } from '../../common/attributes';
import { JobStartError, callAndFollow, startJob } from '../../common/jobs';
import type { SyncFinished } from '../../common/types';
import { booleanFlag, parseFlags, stringFlag, type ParsedFlags } from './args';
import { call, withCore } from './core';
import { EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors';
import { writeErr, writeOut } from './output';
import { createProgressLine } from './progress';
import { apiError } from './query-errors';
import { readSourceFile } from './source-file';
import { followSync, reportKeys, syncCounts, syncProgressText } from './sync-report';
import { renderTable, type Column } from './table';

const SUBCOMMANDS = 'add, list, sync, remove';

const LIST_COLUMNS: Column[] = [
  { key: 'name', header: 'name', max: 30 },
  { key: 'kind', header: 'kind' },
  { key: 'entity', header: 'entity' },
  { key: 'table', header: 'table', max: 40 },
  { key: 'attributes', header: 'attributes', max: 60 },
  { key: 'lastSync', header: 'last sync (UTC)' },
  { key: 'status', header: 'status', max: 40 },
  { key: 'nextSync', header: 'next sync (UTC)' },
];

/** The one NAME argument of sync and remove. */
function nameArgument(parsed: ParsedFlags, usage: string): string {
  const [name, extra] = parsed.positionals;
  if (name === undefined || extra !== undefined) throw new UsageError(`Usage: ${usage}`);
  return name;
}

function statusOf(s: SourceInfo): string {
  if (s.syncJobId !== null) return 'syncing';
  if (s.lastSync === null) return 'never synced';
  const { status, rows } = s.lastSync;
  return status === 'ok' ? `ok, ${rows} rows` : status;
}

function listRow(s: SourceInfo): Record<string, unknown> {
  return {
    name: s.name,
    kind: s.kind,
    entity: s.entity,
    table: s.table ?? s.path ?? '',
    attributes: s.attributes.map((a) => a.name).join(', '),
    lastSync: s.lastSync?.finishedAt ?? s.lastSync?.startedAt ?? null,
    status: statusOf(s),
    nextSync: s.nextSyncAt ?? (s.schedule === 'manual' ? 'manual' : null),
  };
}

async function listSources(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('sources list', args, { json: 'boolean' }, { positionals: false });
  return withCore(dbPath, async (core) => {
    const { sources } = await call(core, 'sources.list', {});
    if (booleanFlag(parsed, 'json')) {
      await writeOut(`${JSON.stringify(sources, null, 2)}\n`);
      return EXIT_OK;
    }
    if (sources.length === 0) {
      await writeOut('No sources.\n');
      return EXIT_OK;
    }
    await writeOut(`${renderTable(LIST_COLUMNS, sources.map(listRow)).join('\n')}\n`);
    for (const s of sources) {
      if (s.lastSync?.status === 'failed') writeErr(`source "${s.name}": last sync failed: ${s.lastSync.error ?? 'unknown error'}`);
    }
    return EXIT_OK;
  }, { existing: true });
}

async function addSource(args: string[], dbPath: string): Promise<number> {
  const usage = 'profile-desk sources add --file SOURCE.json [--no-sync] [--replace] [--json]';
  const parsed = parseFlags('sources add', args, { file: 'string', 'no-sync': 'boolean', replace: 'boolean', json: 'boolean' }, { positionals: false });
  const file = stringFlag(parsed, 'file');
  if (file === undefined) throw new UsageError(`Missing --file SOURCE.json (${usage})`);
  const json = booleanFlag(parsed, 'json');
  const sync = !booleanFlag(parsed, 'no-sync');
  // Everything in the file is checked (and its variables read) before the store is opened.
  const { source, connection } = readSourceFile(file);
  const progress = createProgressLine(process.stderr, Date.now, false, syncProgressText);

  return withCore(dbPath, async (core) => {
    // The core names the field it refuses (`attributes[0].column: …`): say in which file.
    const inFile = (err: unknown): never => {
      if (err instanceof JobStartError) throw apiError(err.error, undefined, err.error.code === 'invalid_input' ? `${file}: ` : '');
      throw err;
    };
    let created: string | null = null;
    if (connection) {
      const { connections } = await call(core, 'connections.list', {});
      const editing = connections.some((c) => c.name === connection.name);
      const saved = await core.dispatch('connections.save', { ...(editing ? { current: connection.name } : {}), ...connection });
      if (!saved.ok) throw apiError(saved.error, undefined, `${file}: connection "${connection.name}": `);
      if (!editing) created = connection.name;
    }
    const { value, job } = await callAndFollow<'sources.save', SyncFinished>(
      core,
      'sources.save',
      { source, replace: booleanFlag(parsed, 'replace'), sync },
      (v) => v.jobId,
      (p) => progress?.update(p),
    ).catch(async (err: unknown) => {
      // A connection this command made for a source that could not be saved goes too.
      if (created !== null) await core.dispatch('connections.forget', { name: created });
      return inFile(err);
    });
    const name = value.source.name;
    if (job === null) {
      if (json) await writeOut(`${JSON.stringify({ source: value.source, sync: null }, null, 2)}\n`);
      else await writeOut(`Saved source "${name}" (not synced; run: profile-desk sources sync "${name}").\n`);
      return EXIT_OK;
    }
    const outcome = await followSync(job, progress, `Saved source "${name}", but its first sync failed: `);
    if ('cancelled' in outcome) {
      writeErr(`Saved source "${name}"; its first sync was cancelled.`, '');
      return EXIT_INTERRUPTED;
    }
    await printReport(outcome.report, value.source.entity, json, `Saved source "${name}" and synced it: `, { source: value.source });
    return EXIT_OK;
  });
}

async function printReport(report: SyncReport, entity: SourceInfo['entity'], json: boolean, head: string, extra?: object): Promise<void> {
  if (json) {
    await writeOut(`${JSON.stringify(extra ? { ...extra, sync: report } : report, null, 2)}\n`);
    return;
  }
  await writeOut(`${head}${syncCounts(report)}.\n`);
  reportKeys(report, entity);
}

async function syncSource(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('sources sync', args, { json: 'boolean' });
  const name = nameArgument(parsed, 'profile-desk sources sync NAME [--json]');
  const json = booleanFlag(parsed, 'json');
  const progress = createProgressLine(process.stderr, Date.now, false, syncProgressText);
  return withCore(dbPath, async (core) => {
    const { sources } = await call(core, 'sources.list', {});
    const entity = sources.find((s) => s.name === name)?.entity ?? 'users';
    let job;
    try {
      job = await startJob(core, 'sources.sync', { name }, (p) => progress?.update(p));
    } catch (err) {
      if (err instanceof JobStartError) throw apiError(err.error, undefined, 'Sync not started: ');
      throw err;
    }
    const outcome = await followSync(job, progress, `Sync of "${name}" failed: `);
    if ('cancelled' in outcome) {
      writeErr(`Sync of "${name}" cancelled; the previous values are kept.`, '');
      return EXIT_INTERRUPTED;
    }
    await printReport(outcome.report, entity, json, `Synced "${name}": `);
    return EXIT_OK;
  }, { existing: true });
}

async function removeSource(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('sources remove', args, {});
  const name = nameArgument(parsed, 'profile-desk sources remove NAME');
  return withCore(dbPath, async (core) => {
    const { sources } = await call(core, 'sources.list', {});
    const attributes = sources.find((s) => s.name === name)?.attributes.map((a) => a.name) ?? [];
    await call(core, 'sources.remove', { name });
    const what = attributes.length > 0 ? ` and its attribute${attributes.length === 1 ? '' : 's'} ${attributes.join(', ')}` : '';
    await writeOut(`Removed source "${name}"${what}.\n`);
    return EXIT_OK;
  }, { existing: true });
}

export async function sourcesCommand(args: string[], dbPath: string): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return addSource(rest, dbPath);
    case 'list':
      return listSources(rest, dbPath);
    case 'sync':
      return syncSource(rest, dbPath);
    case 'remove':
      return removeSource(rest, dbPath);
    case undefined:
      throw new UsageError(`Missing subcommand: profile-desk sources ${SUBCOMMANDS.replace(/, /g, '|')}`);
    default:
      throw new UsageError(`Unknown subcommand "sources ${sub}" (known: ${SUBCOMMANDS})`);
  }
}
