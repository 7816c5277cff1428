/**
 * `profile-desk`: the command-line host of the core. Expected failures print one line on
 * stderr and exit 1 (failure) or 2 (usage); set PROFILE_DESK_DEBUG=1 to see stack traces.
 */
import { run } from './cli/run';
import { CliError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError } from './cli/errors';
import { writeErr } from './cli/output';

// `profile-desk users --all | head` closes the pipe early: that is success, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function exit(code: number): void {
  // Interrupted: stdout may be a pipe its reader stopped reading, which would never flush.
  if (code === EXIT_INTERRUPTED) process.exit(code);
  // Exit once stdout has flushed (pipes are asynchronous on some platforms).
  process.stdout.write('', () => process.exit(code));
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code !== 'running') exit(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      writeErr(err.message);
      exit(EXIT_USAGE);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    writeErr(message);
    if (!(err instanceof CliError) && process.env.PROFILE_DESK_DEBUG && err instanceof Error) {
      process.stderr.write(`${err.stack ?? ''}\n`);
    }
    exit(err instanceof CliError ? err.exitCode : EXIT_FAILED);
  },
);
