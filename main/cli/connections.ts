/**
 * `profile-desk connections list [--json]`, `connections test NAME`, `connections forget NAME`:
 * the saved Salesforce and Snowflake connections (made by `sources add` or in the app), never
 * with their secrets: only which ones are set.
 */
import type { ConnectionInfo } from '../../common/attributes';
import { booleanFlag, parseFlags, type ParsedFlags } from './args';
import { call, withCore } from './core';
import { EXIT_OK, UsageError } from './errors';
import { writeOut } from './output';
import { renderTable, type Column } from './table';

const SUBCOMMANDS = 'list, test, forget';

const LIST_COLUMNS: Column[] = [
  { key: 'name', header: 'name', max: 40 },
  { key: 'kind', header: 'kind' },
  { key: 'auth', header: 'auth' },
  { key: 'identity', header: 'connected as', max: 50 },
  { key: 'secrets', header: 'secrets saved', max: 50 },
  { key: 'updatedAt', header: 'updated (UTC)' },
];

function nameArgument(parsed: ParsedFlags, usage: string): string {
  const [name, extra] = parsed.positionals;
  if (name === undefined || extra !== undefined) throw new UsageError(`Usage: ${usage}`);
  return name;
}

const listRow = (c: ConnectionInfo): Record<string, unknown> => ({
  ...c,
  auth: c.fields.auth ?? '',
  identity: c.identity ?? '(not tested)',
  secrets: c.secrets.join(', '),
});

async function listConnections(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('connections list', args, { json: 'boolean' }, { positionals: false });
  return withCore(dbPath, async (core) => {
    const { connections } = await call(core, 'connections.list', {});
    if (booleanFlag(parsed, 'json')) await writeOut(`${JSON.stringify(connections, null, 2)}\n`);
    else if (connections.length === 0) await writeOut('No connections.\n');
    else await writeOut(`${renderTable(LIST_COLUMNS, connections.map(listRow)).join('\n')}\n`);
    return EXIT_OK;
  }, { existing: true });
}

async function testConnection(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('connections test', args, {});
  const name = nameArgument(parsed, 'profile-desk connections test NAME');
  return withCore(dbPath, async (core) => {
    const { identity } = await call(core, 'connections.test', { name });
    await writeOut(`Connected to "${name}" as ${identity}.\n`);
    return EXIT_OK;
  }, { existing: true });
}

async function forgetConnection(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('connections forget', args, {});
  const name = nameArgument(parsed, 'profile-desk connections forget NAME');
  return withCore(dbPath, async (core) => {
    await call(core, 'connections.forget', { name });
    await writeOut(`Forgot connection "${name}" and its saved secrets.\n`);
    return EXIT_OK;
  }, { existing: true });
}

export async function connectionsCommand(args: string[], dbPath: string): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return listConnections(rest, dbPath);
    case 'test':
      return testConnection(rest, dbPath);
    case 'forget':
      return forgetConnection(rest, dbPath);
    case undefined:
      throw new UsageError(`Missing subcommand: profile-desk connections ${SUBCOMMANDS.replace(/, /g, '|')}`);
    default:
      throw new UsageError(`Unknown subcommand "connections ${sub}" (known: ${SUBCOMMANDS})`);
  }
}
