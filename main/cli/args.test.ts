import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseFlags } from './args';
import { UsageError } from './errors';
import { parseSort } from './list';
import { defaultDbPath } from './paths';

describe('parseCommandLine', () => {
  it('takes --db anywhere and splits off the command', () => {
    expect(parseCommandLine(['users', '--db', 'x.db', '--json'])).toEqual({ db: 'x.db', help: false, version: false, command: 'users', rest: ['--json'] });
    expect(parseCommandLine(['--db=y.db', 'import', 'a', 'b']).rest).toEqual(['a', 'b']);
    expect(() => parseCommandLine(['--db'])).toThrow(UsageError);
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
  });
  it('refuses unknown, repeated and valueless flags', () => {
    expect(() => parseFlags('users', ['--nope'], spec)).toThrow(/Unknown flag --nope for "users" \(known: --sort, --json\)/);
    expect(() => parseFlags('users', ['-j'], spec)).toThrow(/Unknown flag -j/);
    expect(() => parseFlags('users', ['--json', '--json'], spec)).toThrow(/given twice/);
    expect(() => parseFlags('users', ['--sort'], spec)).toThrow(/Missing value for --sort/);
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
