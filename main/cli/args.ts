/**
 * Command-line parsing for the CLI and the bench scripts: `node:util` `parseArgs` in strict mode
 * does the parsing, and this one adapter words its failures for the analyst at the terminal
 * ("Unknown flag --x for "import" (known: …)") instead of for a developer.
 *
 * It lives in the CLI host because it uses node:util (common/ is plain code shared with the
 * renderer, so it can't); the bench scripts import it from here, which the layering allows:
 * the bench is not a host, and no host imports it.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export type FlagKind = 'boolean' | 'string';
export type FlagSpec = Record<string, FlagKind>;

export interface ParsedFlags {
  positionals: string[];
  flags: Map<string, string | true>;
}

export interface ParseOptions {
  /** Whether the command takes arguments besides its flags (default true). */
  positionals?: boolean;
}

/** One token of parseArgs' `tokens` output (its type is not exported by @types/node). */
type Token =
  | { kind: 'option'; name: string; rawName: string; index: number; value?: string; inlineValue?: boolean }
  | { kind: 'positional'; index: number; value: string }
  | { kind: 'option-terminator'; index: number };

function tokensOf(args: string[], spec: FlagSpec): Token[] {
  // Never throws: unknown options become tokens, so a failed strict parse can be explained.
  return parseArgs({ args, options: toOptions(spec), strict: false, allowPositionals: true, tokens: true }).tokens as Token[];
}

function toOptions(spec: FlagSpec): Record<string, { type: FlagKind; multiple: true }> {
  // multiple: a repeated flag is then visible (parseArgs would otherwise keep the last one).
  return Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type, multiple: true }]));
}

/**
 * A string flag's value that is absent, empty, or looks like the next flag (`--sort --json`).
 * A lone `-` is a value: the usual name of standard output (`export --out -`).
 */
function lacksValue(token: Extract<Token, { kind: 'option' }>): boolean {
  if (token.value === undefined || token.value === '') return true;
  return !token.inlineValue && token.value !== '-' && token.value.startsWith('-');
}

function missingValue(name: string): UsageError {
  return new UsageError(`Missing value for --${name} (for a value that starts with "-", write --${name}=VALUE)`);
}

/** The user's mistake behind a strict parse failure, found again in the lenient tokens. */
function explain(command: string, args: string[], spec: FlagSpec, err: unknown): UsageError {
  const code = (err as { code?: string }).code;
  for (const token of tokensOf(args, spec)) {
    if (token.kind === 'positional' && code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      return new UsageError(`"${command}" takes no arguments (got "${token.value}")`);
    }
    if (token.kind !== 'option') continue;
    const kind = token.rawName.startsWith('--') ? spec[token.name] : undefined;
    if (kind === undefined) {
      const known = Object.keys(spec).map((f) => `--${f}`).join(', ');
      return new UsageError(`Unknown flag ${token.rawName} for "${command}"${known ? ` (known: ${known})` : ''}`);
    }
    if (kind === 'boolean' && token.value !== undefined) return new UsageError(`--${token.name} takes no value`);
    if (kind === 'string' && lacksValue(token)) return missingValue(token.name);
  }
  // Not one of the mistakes above: parseArgs' own first line is the best description left.
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new UsageError(`${message} (in "${command}")`);
}

/** Parses a command's own flags strictly; `--` ends flags. */
export function parseFlags(command: string, args: string[], spec: FlagSpec, options: ParseOptions = {}): ParsedFlags {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: toOptions(spec), strict: true, allowPositionals: options.positionals ?? true, tokens: true });
  } catch (err) {
    throw explain(command, args, spec, err);
  }
  const flags = new Map<string, string | true>();
  for (const token of parsed.tokens as Token[]) {
    if (token.kind !== 'option') continue;
    if (flags.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    if (spec[token.name] === 'string' && lacksValue(token)) throw missingValue(token.name);
    flags.set(token.name, token.value ?? true);
  }
  return { positionals: parsed.positionals, flags };
}

export function stringFlag(parsed: ParsedFlags, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(parsed: ParsedFlags, name: string): boolean {
  return parsed.flags.get(name) === true;
}

/** A whole number within [min, max], or a usage error that says so. */
export function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** An integer flag within [min, max]. */
export function intFlag(parsed: ParsedFlags, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(parsed, name);
  return raw === undefined ? undefined : wholeNumber(name, raw, min, max);
}

export interface CommandLine {
  db?: string;
  help: boolean;
  version: boolean;
  command?: string;
  /** Everything after the command name (and flags before it), for the command's parser. */
  rest: string[];
}

const GLOBAL_FLAGS = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Splits off the global flags (`--db`, `--help`, `--version`, allowed anywhere) and the command
 * name (the first argument that is not a flag). This pass is lenient by necessity: the
 * command's own flags are not known yet; the command then parses the rest strictly.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const line: CommandLine = { help: false, version: false, rest: [] };
  const tokens = parseArgs({ args: argv, options: GLOBAL_FLAGS, strict: false, allowPositionals: true, tokens: true }).tokens as Token[];
  const passed = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      line.rest.push(...argv.slice(token.index));
      break;
    }
    if (token.kind === 'option' && token.name === 'db' && token.rawName === '--db') {
      if (lacksValue(token)) throw new UsageError('Missing value for --db (a path to the profiles database)');
      line.db = token.value;
    // Only `-h` itself: a group such as `-user_name:john` (the value of a command's flag)
    // yields an "h" token too, and must not print the help.
    } else if (token.kind === 'option' && token.name === 'help' && (token.rawName === '--help' || argv[token.index] === '-h')) line.help = true;
    else if (token.kind === 'option' && token.name === 'version' && token.rawName === '--version') line.version = true;
    else if (token.kind === 'positional' && line.command === undefined) line.command = token.value;
    // `-xy` yields one token per letter, all with the same index: pass the argument on once.
    else if (!passed.has(token.index)) {
      passed.add(token.index);
      line.rest.push(argv[token.index] as string);
    }
  }
  return line;
}
