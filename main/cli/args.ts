/**
 * A small, strict argument parser: every flag is declared, unknown flags and missing values
 * are usage errors. (node:util parseArgs words its errors for developers, not analysts.)
 */
import { UsageError } from './errors';

export type FlagKind = 'boolean' | 'string';
export type FlagSpec = Record<string, FlagKind>;

export interface ParsedFlags {
  positionals: string[];
  flags: Map<string, string | true>;
}

export interface CommandLine {
  db?: string;
  help: boolean;
  version: boolean;
  command?: string;
  /** Everything after the command name (and flags before it), for the command's parser. */
  rest: string[];
}

/** Splits off the global flags (`--db`, `--help`, `--version`) and the command name. */
export function parseCommandLine(argv: string[]): CommandLine {
  const line: CommandLine = { help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      line.rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--help' || arg === '-h') line.help = true;
    else if (arg === '--version') line.version = true;
    else if (arg === '--db' || arg.startsWith('--db=')) {
      const value = arg === '--db' ? argv[++i] : arg.slice('--db='.length);
      if (value === undefined || value === '' || (arg === '--db' && value.startsWith('--'))) {
        throw new UsageError('Missing value for --db (a path to the profiles database)');
      }
      line.db = value;
    } else if (line.command === undefined && !arg.startsWith('-')) line.command = arg;
    else line.rest.push(arg);
  }
  return line;
}

/** Parses a command's own flags; `--` ends flags. */
export function parseFlags(command: string, args: string[], spec: FlagSpec): ParsedFlags {
  const parsed: ParsedFlags = { positionals: [], flags: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
    const kind = spec[name];
    if (kind === undefined || !arg.startsWith('--')) {
      const known = Object.keys(spec).map((f) => `--${f}`).join(', ');
      throw new UsageError(`Unknown flag ${arg.slice(0, eq === -1 ? undefined : eq)} for "${command}"${known ? ` (known: ${known})` : ''}`);
    }
    if (parsed.flags.has(name)) throw new UsageError(`--${name} is given twice`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      parsed.flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`Missing value for --${name}`);
    }
    parsed.flags.set(name, value);
  }
  return parsed;
}

export function stringFlag(parsed: ParsedFlags, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(parsed: ParsedFlags, name: string): boolean {
  return parsed.flags.get(name) === true;
}

/** An integer flag within [min, max]. */
export function intFlag(parsed: ParsedFlags, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
