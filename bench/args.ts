/** A tiny strict argv parser for the bench scripts: unknown or malformed options are errors. */

export interface ArgSpec {
  type: 'int' | 'string' | 'flag';
  required?: boolean;
  help: string;
}

export type Args = Record<string, string | number | boolean | undefined>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function usage(spec: Record<string, ArgSpec>, command: string): string {
  const lines = Object.entries(spec).map(([name, s]) => {
    const value = s.type === 'flag' ? '' : s.type === 'int' ? ' N' : ' VALUE';
    return `  --${name}${value}`.padEnd(22) + s.help + (s.required ? ' (required)' : '');
  });
  return `usage: ${command} [options]\n${lines.join('\n')}`;
}

/** Accepts `--name value`, `--name=value` and, for flags, `--name`. Ints accept `1_000_000` and `1e6`. */
export function parseArgs(argv: string[], spec: Record<string, ArgSpec>, command: string): Args {
  const fail = (message: string): never => {
    throw new UsageError(`${message}\n${usage(spec, command)}`);
  };
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') fail('');
    if (!arg.startsWith('--')) fail(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) fail(`unknown option --${name}`);
    if (s!.type === 'flag') {
      if (eq >= 0) fail(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined || raw === '' || (eq < 0 && raw.startsWith('--'))) fail(`--${name} needs a value`);
    if (s!.type === 'int') {
      const n = Number(raw!.replace(/_/g, ''));
      if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${raw}"`);
      out[name] = n;
    } else {
      out[name] = raw;
    }
  }
  for (const [name, s] of Object.entries(spec)) {
    if (s.required && out[name] === undefined) fail(`missing --${name}`);
  }
  return out;
}
