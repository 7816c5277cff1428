/**
 * The bench scripts' options, parsed by the CLI's adapter over node:util parseArgs (one parser,
 * one UsageError for both); this file adds what the bench needs on top: integer options that
 * accept `1_000_000` and `1e6`, required options, and a usage text built from the spec.
 */
import { parseFlags, type FlagSpec } from '../main/cli/args';
import { UsageError } from '../main/cli/errors';

export { UsageError };

export interface ArgSpec {
  type: 'int' | 'string' | 'flag';
  required?: boolean;
  help: string;
}

export type Args = Record<string, string | number | boolean | undefined>;

export function usage(spec: Record<string, ArgSpec>, command: string): string {
  const lines = Object.entries(spec).map(([name, s]) => {
    const value = s.type === 'flag' ? '' : s.type === 'int' ? ' N' : ' VALUE';
    return `  --${name}${value}`.padEnd(22) + s.help + (s.required ? ' (required)' : '');
  });
  return `usage: ${command} [options]\n${lines.join('\n')}`;
}

export function parseArgs(argv: string[], spec: Record<string, ArgSpec>, command: string): Args {
  const withUsage = (message: string): UsageError => new UsageError(`${message}\n${usage(spec, command)}`);
  if (argv.includes('--help') || argv.includes('-h')) throw withUsage('');
  const flagSpec: FlagSpec = Object.fromEntries(
    Object.entries(spec).map(([name, s]) => [name, s.type === 'flag' ? 'boolean' : 'string']),
  );
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(command, argv, flagSpec, { positionals: false });
  } catch (err) {
    throw err instanceof UsageError ? withUsage(err.message) : err;
  }
  const out: Args = {};
  for (const [name, value] of parsed.flags) {
    if (spec[name]!.type !== 'int') {
      out[name] = value;
      continue;
    }
    const n = Number(String(value).replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw withUsage(`--${name} must be a non-negative integer, not "${String(value)}"`);
    out[name] = n;
  }
  for (const [name, s] of Object.entries(spec)) {
    if (s.required && out[name] === undefined) throw withUsage(`Missing --${name}`);
  }
  return out;
}
