import { describe, expect, it } from 'vitest';
import { downloadUrl, exportFileName } from './exportTarget';

describe('export file names', () => {
  it('keeps a readable name, replaces what file systems refuse, ends in .csv', () => {
    expect(exportFileName('Paris users')).toBe('Paris users.csv');
    expect(exportFileName('users.CSV')).toBe('users.CSV');
    expect(exportFileName('a/b:c*?"<>|\\d')).toBe('a_b_c_______d.csv');
    expect(exportFileName('tab\there')).toBe('tab_here.csv');
    expect(exportFileName('  ')).toBe('export.csv');
    expect(exportFileName('Été 日本')).toBe('Été 日本.csv');
  });
});

describe('download URL', () => {
  it('names the export and carries the token in the query', () => {
    expect(downloadUrl('abc123', 't/k=n')).toBe('/api/download/abc123?token=t%2Fk%3Dn');
  });
});
