/** A bench step: a failure becomes a "skipped" outcome with a one-line reason, and the run goes on. */
import type { Outcome } from './report';

/**
 * The line of an error worth printing. A child's error arrives as its stack; when the code
 * failed to load (esbuild's transform errors) the first line is only `file:line`, so the line
 * that names the error is added.
 */
export function errorLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const first = lines[0] ?? 'unknown error';
  if (!/^\S+:\d+(:\d+)?$/.test(first)) return first;
  const named = lines.find((l) => /^(\w*Error|ERROR)\b|\bError:/.test(l));
  return named ? `${named} (${first})` : first;
}

/** Runs a step; a failure becomes a "skipped" row with the first line of its error. */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  process.stderr.write(`${name}…\n`);
  try {
    return { value: await fn() };
  } catch (err) {
    const message = errorLine(err instanceof Error ? err.message : String(err));
    process.stderr.write(`  ! ${name} failed: ${message}\n`);
    return { skipped: message };
  }
}
