/**
 * Running a test server from the command line (`npx tsx tests/servers/datadog.ts --port 4000`).
 * Each server module starts itself the same way when it is the script node was given, and stops
 * the same way on Ctrl-C; written once here so the servers stay alike.
 */
import { pathToFileURL } from 'node:url';

/** Runs `main` with the arguments when `moduleUrl` (the caller's `import.meta.url`) is the script started; an error is its message on stderr and exit 1. */
export function runIfMain(moduleUrl: string, main: (argv: string[]) => Promise<void>): void {
  if (process.argv[1] && moduleUrl === pathToFileURL(process.argv[1]).href) {
    main(process.argv.slice(2)).catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
  }
}

/** Closes the server on Ctrl-C or SIGTERM, then exits 0. */
export function closeOnSignal(server: { close(): Promise<void> }): void {
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
