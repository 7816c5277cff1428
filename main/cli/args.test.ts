import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseFlags, wholeNumber } from './args';
import { UsageError } from './errors';
import { parseSort } from './list';
import { defaultDbPath } from './paths';

describe('parseCommandLine', () => {
  it('takes --db anywhere and splits off the command', () => {
    expect(parseCommandLine(['users', '--db', 'x.db', '--json'])).toEqual({ db: 'x.db', help: false, version: false, command: 'users', rest: ['--json'] });
    expect(parseCommandLine(['--db=y.db', 'import', 'a', 'b']).rest).toEqual(['a', 'b']);
    expect(parseCommandLine(['users', '--sort', 'last_seen', '--limit=3']).rest).toEqual(['--sort', 'last_seen', '--limit=3']);
    expect(parseCommandLine(['import', '--', '--db', '-x']).rest).toEqual(['--', '--db', '-x']);
    expect(parseCommandLine(['show', '-h']).help).toBe(true);
    // A query's negation holds an "h" but is a flag's value, not -h.
    expect(parseCommandLine(['users', '--query=-user_name:john'])).toMatchObject({ help: false, rest: ['--query=-user_name:john'] });
    expect(parseCommandLine(['users', '--query', '-user_name:john'])).toMatchObject({ help: false, rest: ['--query', '-user_name:john'] });
    expect(parseCommandLine(['--version']).version).toBe(true);
    expect(() => parseCommandLine(['--db'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--db='])).toThrow(/Missing value for --db/);
    expect(() => parseCommandLine(['--db', '--json'])).toThrow(/Missing value for --db/);
  });
});

describe('parseFlags', () => {
  const spec = { sort: 'string', json: 'boolean' } as const;
  it('parses declared flags and positionals; -- ends flags', () => {
    const p = parseFlags('users', ['--sort=a:desc', 'x', '--json', '--', '--not-a-flag'], spec);
    expect(p.flags.get('sort')).toBe('a:desc');
    expect(p.flags.get('json')).toBe(true);
    expect(p.positionals).toEqual(['x', '--not-a-flag']);
    expect(parseFlags('users', ['--sort', 'a'], spec).flags.get('sort')).toBe('a');
    expect(parseFlags('users', ['--sort=-a'], spec).flags.get('sort')).toBe('-a');
  });
  it('refuses unknown, repeated and valueless flags in words for people', () => {
    expect(() => parseFlags('users', ['--nope'], spec)).toThrow(/^Unknown flag --nope for "users" \(known: --sort, --json\)$/);
    expect(() => parseFlags('users', ['--nope=3'], spec)).toThrow(/^Unknown flag --nope for "users"/);
    expect(() => parseFlags('users', ['-j'], spec)).toThrow(/^Unknown flag -j for "users"/);
    expect(() => parseFlags('serve', ['--x'], {})).toThrow(/^Unknown flag --x for "serve"$/);
    expect(() => parseFlags('users', ['--json', '--json'], spec)).toThrow(/^--json is given twice$/);
    expect(() => parseFlags('users', ['--sort', 'a', '--sort=b'], spec)).toThrow(/^--sort is given twice$/);
    expect(() => parseFlags('users', ['--sort'], spec)).toThrow(/^Missing value for --sort/);
    expect(() => parseFlags('users', ['--sort='], spec)).toThrow(/^Missing value for --sort/);
    expect(() => parseFlags('users', ['--sort', '--json'], spec)).toThrow(/^Missing value for --sort \(for a value that starts with "-", write --sort=VALUE\)$/);
    expect(() => parseFlags('users', ['--json=yes'], spec)).toThrow(/^--json takes no value$/);
    expect(() => parseFlags('users', ['x'], spec, { positionals: false })).toThrow(/^"users" takes no arguments \(got "x"\)$/);
    for (const args of [['--nope'], ['--sort'], ['--json=1'], ['--json', '--json']]) {
      expect(() => parseFlags('users', args, spec)).toThrow(UsageError);
    }
  });
});

describe('wholeNumber', () => {
  it('accepts whole numbers in range only', () => {
    expect(wholeNumber('port', '8080', 0, 65535)).toBe(8080);
    expect(() => wholeNumber('port', '70000', 0, 65535)).toThrow(/^--port must be a whole number from 0 to 65535, not "70000"$/);
    expect(() => wholeNumber('limit', '1e3', 1, 10_000)).toThrow(UsageError);
    expect(() => wholeNumber('limit', '-1', 1, 10_000)).toThrow(UsageError);
  });
});

describe('parseSort', () => {
  it('accepts canonical keys with an optional direction', () => {
    expect(parseSort('user', 'last_seen')).toEqual({ key: 'last_seen', dir: 'asc' });
    expect(parseSort('account', 'user_count:DESC')).toEqual({ key: 'user_count', dir: 'desc' });
    expect(() => parseSort('account', 'user_email')).toThrow(/Valid keys: account_id/);
  });
});

describe('defaultDbPath', () => {
  it('follows $PROFILE_DESK_DB, else Electron’s userData folder per platform', () => {
    expect(defaultDbPath('linux', { PROFILE_DESK_DB: '/d.db' }, '/h')).toBe('/d.db');
    expect(defaultDbPath('linux', {}, '/h')).toBe('/h/.config/Profile Desk/profiles.db');
    expect(defaultDbPath('linux', { XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/x/Profile Desk/profiles.db');
    expect(defaultDbPath('darwin', {}, '/h')).toBe('/h/Library/Application Support/Profile Desk/profiles.db');
    expect(defaultDbPath('win32', { APPDATA: '/roaming' }, '/h')).toMatch(/roaming.Profile Desk.profiles\.db$/);
  });
});
