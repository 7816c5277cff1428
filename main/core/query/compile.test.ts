import { describe, expect, it } from 'vitest';
import { compileFilter, compileSort, ftsQuery, TABLES, wildcardToLike } from './compile';

const users = TABLES.user;

describe('compileFilter', () => {
  it('compiles every operator with parameters, never inlined values', () => {
    const { sql, params } = compileFilter(users, {
      op: 'and',
      items: [
        { op: 'eq', key: 'last_country_code', value: "F'R" },
        { op: 'range', key: 'session_count', gte: 2, lt: 10 },
        { op: 'not', item: { op: 'exists', key: 'user_email' } },
        { op: 'or', items: [{ op: 'contains', key: 'user_name', value: '50%' }, { op: 'like', key: 'user_email', pattern: '*@x.com' }] },
        { op: 'in', key: 'last_device_type', values: ['desktop', 'mobile'] },
        { op: 'text', text: 'alice doe' },
      ],
    });
    expect(sql).toBe(
      "(last_country_code COLLATE NOCASE = ? AND (session_count >= ? AND session_count < ?) AND NOT coalesce(user_email IS NOT NULL, 0)" +
        " AND (user_name LIKE ? ESCAPE '\\' OR user_email LIKE ? ESCAPE '\\')" +
        ' AND last_device_type COLLATE NOCASE IN (?, ?) AND id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?))',
    );
    expect(params).toEqual(["F'R", 2, 10, '%50\\%%', '%@x.com', 'desktop', 'mobile', '"alice" * AND "doe" *']);
  });

  it('rejects unknown keys and ranges on text with a clear error', () => {
    expect(() => compileFilter(users, { op: 'eq', key: 'nope', value: 1 })).toThrow(/Unknown user attribute "nope"/);
    expect(() => compileFilter(users, { op: 'range', key: 'user_email', gt: 1 })).toThrow(/user_email is text/);
    expect(() => compileFilter(users, { op: 'eq', key: 'session_count', value: 'many' })).toThrow(/not a number/);
  });

  it('matches everything for no filter and nothing for an empty set', () => {
    expect(compileFilter(users, null).sql).toBe('1');
    expect(compileFilter(users, { op: 'in', key: 'last_os_name', values: [] }).sql).toBe('0');
  });
});

describe('search text', () => {
  it('makes every word a prefix and keeps phrases together', () => {
    expect(ftsQuery('alice.doe@tech', false)).toBe('"alice" * AND "doe" * AND "tech" *');
    expect(ftsQuery('alice doe', true)).toBe('"alice doe" *');
    expect(ftsQuery('  "" ', false)).toBeNull();
    expect(wildcardToLike('a_b*c?')).toBe('a\\_b%c_');
    expect(wildcardToLike('a\\*b\\\\c*')).toBe('a*b\\\\c%');
  });
});

describe('compileSort', () => {
  it('sorts text without case, with the row id as tie-breaker in the same direction', () => {
    expect(compileSort(users, [{ key: 'user_email', dir: 'asc' }])).toBe('user_email COLLATE NOCASE ASC, id ASC');
    expect(compileSort(users, [])).toBe('last_seen DESC, id DESC');
    expect(compileSort(users, [{ key: 'user_id', dir: 'desc' }])).toBe('user_id DESC');
  });
});
