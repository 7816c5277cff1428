/** The Electron allow-list behind exports.start: only paths chosen in the save dialog, once each. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../core/api-error.test-support';
import { ApiError } from '../core/dispatcher';
import { defaultExportName, GrantedExportPaths } from './export-paths';

const base = process.platform === 'win32' ? 'C:\\Users\\ana' : '/home/ana';
const out = join(base, 'Downloads', 'users.csv');

describe('GrantedExportPaths', () => {
  it('refuses a path until it is chosen, then allows it for one export', () => {
    const paths = new GrantedExportPaths();
    const error = refusal(() => paths.open(out));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('"users.csv" was not chosen in the save dialog: export with Export CSV…');
    expect(paths.grant(out)).toBe(out);
    expect(paths.open(out)).toEqual({ path: out, display: 'users.csv' });
    expect(refusal(() => paths.open(out)).code).toBe('forbidden');
  });

  it('refuses stdout, relative and other paths', () => {
    const paths = new GrantedExportPaths();
    paths.grant(out);
    for (const target of ['-', 'users.csv', join(base, '.bashrc'), `${out}.x`]) expect(refusal(() => paths.open(target)).code).toBe('forbidden');
    expect(() => paths.grant('relative.csv')).toThrow(ApiError);
  });

  it('matches case-insensitively where the file system does', () => {
    const mac = new GrantedExportPaths('darwin');
    mac.grant('/Users/ana/Users.csv');
    expect(mac.open('/users/ana/users.CSV').path).toBe('/Users/ana/Users.csv');
    const linux = new GrantedExportPaths('linux');
    linux.grant('/home/ana/Users.csv');
    expect(refusal(() => linux.open('/home/ana/users.csv')).code).toBe('forbidden');
  });
});

describe('defaultExportName', () => {
  it('proposes a file name only, ending in .csv', () => {
    expect(defaultExportName('Paris users.csv')).toBe('Paris users.csv');
    expect(defaultExportName('Paris users')).toBe('Paris users.csv');
    expect(defaultExportName('../../etc/passwd')).toBe('passwd.csv');
    expect(defaultExportName('a\u0000b\nc.CSV')).toBe('abc.CSV');
    expect(defaultExportName('')).toBe('export.csv');
    expect(defaultExportName(undefined)).toBe('export.csv');
  });
});
