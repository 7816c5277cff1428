/** Routes a command line to its command; returns the exit status, or 'running' for `serve`. */
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { parseSize, serve } from '../serve';
import { intFlag, parseCommandLine, parseFlags, stringFlag } from './args';
import { connectionsCommand } from './connections';
import { EXIT_OK, UsageError } from './errors';
import { exportCommand } from './export';
import { feedsCommand } from './feeds';
import { importCommand } from './import';
import { listCommand } from './list';
import { defaultDbPath } from './paths';
import { segmentsCommand } from './segments';
import { sessionsCommand } from './sessions';
import { sourcesCommand } from './sources';
import { showCommand } from './show';
import { USAGE } from './usage';

export async function run(argv: string[]): Promise<number | 'running'> {
  const line = parseCommandLine(argv);
  if (line.help) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (line.version) {
    process.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  // Absolute, so messages and `store.info` name the file unambiguously.
  const dbPath = resolve(line.db ?? defaultDbPath());
  switch (line.command) {
    case 'import':
      return importCommand(line.rest, dbPath);
    case 'users':
      return listCommand('user', line.rest, dbPath);
    case 'accounts':
      return listCommand('account', line.rest, dbPath);
    case 'show':
      return showCommand(line.rest, dbPath);
    case 'segments':
      return segmentsCommand(line.rest, dbPath);
    case 'export':
      return exportCommand(line.rest, dbPath);
    case 'sessions':
      return sessionsCommand(line.rest, dbPath);
    case 'sources':
      return sourcesCommand(line.rest, dbPath);
    case 'connections':
      return connectionsCommand(line.rest, dbPath);
    case 'feeds':
      return feedsCommand(line.rest, dbPath);
    case 'serve': {
      const parsed = parseFlags('serve', line.rest, { port: 'string', 'max-upload': 'string' });
      if (parsed.positionals.length > 0) throw new UsageError(`"serve" takes no arguments (got "${parsed.positionals[0]}")`);
      const maxUpload = stringFlag(parsed, 'max-upload');
      const maxUploadBytes = maxUpload === undefined ? undefined : parseSize(maxUpload);
      if (maxUploadBytes === null) throw new UsageError(`--max-upload takes a size like 500MB or 20GB (got "${maxUpload}")`);
      await serve({ port: intFlag(parsed, 'port', 0, 65535) ?? 0, dbPath, maxUploadBytes });
      return 'running';
    }
    case undefined:
      throw new UsageError(`Missing command.\n\n${USAGE}`);
    default:
      throw new UsageError(`Unknown command "${line.command}". Commands: import, users, accounts, show, segments, export, sessions, sources, connections, feeds, serve (see --help)`);
  }
}
