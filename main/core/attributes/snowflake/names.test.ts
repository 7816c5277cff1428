import { describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { formatTableName, parseIdentifier, parseTableName, qualifiedName, quoteIdentifier } from './names';

describe('Snowflake names', () => {
  it('resolves unquoted parts upper-case and keeps quoted ones as written', () => {
    expect(parseTableName('analytics.public.accounts_ltv')).toEqual({ database: 'ANALYTICS', schema: 'PUBLIC', table: 'ACCOUNTS_LTV' });
    expect(parseTableName('DB."My Schema"."a.b""c"')).toEqual({ database: 'DB', schema: 'My Schema', table: 'a.b"c' });
    expect(parseIdentifier('public')).toBe('PUBLIC');
    expect(parseIdentifier('"public"')).toBe('public');
  });

  it('refuses anything but three parts', () => {
    for (const bad of ['', 'A.B', 'A.B.C.D', 'A..C', 'A.B.', '"A.B.C', 'A.B.C; DROP TABLE X', 'A.B."']) {
      expect(() => parseTableName(bad), bad).toThrow(ApiError);
    }
  });

  it('formats names so that parsing gives them back', () => {
    for (const name of [
      { database: 'ANALYTICS', schema: 'PUBLIC', table: 'ACCOUNTS_LTV' },
      { database: 'db', schema: 'My Schema', table: 'a.b"c' },
    ]) {
      expect(parseTableName(formatTableName(name))).toEqual(name);
    }
    expect(formatTableName({ database: 'A', schema: 'b', table: 'C' })).toBe('A."b".C');
  });

  it('quotes every identifier that reaches SQL, doubling its quotes', () => {
    expect(quoteIdentifier('LTV')).toBe('"LTV"');
    expect(quoteIdentifier('x" FROM y --')).toBe('"x"" FROM y --"');
    expect(qualifiedName({ database: 'A', schema: 'b', table: 'C"' })).toBe('"A"."b"."C"""');
  });
});
