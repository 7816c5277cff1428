/**
 * Errors the CLI reports as one line on stderr, never as a stack trace. A UsageError means the
 * command line itself was wrong (exit 2); a CliError means the command could not do its work
 * (exit 1).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** The shell convention for "stopped by Ctrl-C". */
export const EXIT_INTERRUPTED = 130;
