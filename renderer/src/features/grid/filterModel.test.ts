import { describe, expect, it } from 'vitest';
import { attributeSpec } from '../../../../common/keys';
import { columnFilter, describeFilter, gridFilter, gridSelection, isActive } from './filterModel';

describe('column filter models → Filter', () => {
  it('translates text modes', () => {
    expect(columnFilter('user_email', { kind: 'text', mode: 'contains', value: ' acme ' })).toEqual({
      op: 'contains',
      key: 'user_email',
      value: 'acme',
    });
    expect(columnFilter('user_name', { kind: 'text', mode: 'startsWith', value: 'Al' })).toEqual({
      op: 'like',
      key: 'user_name',
      pattern: 'Al*',
    });
    expect(columnFilter('user_name', { kind: 'text', mode: 'absent', value: '' })).toEqual({
      op: 'not',
      item: { op: 'exists', key: 'user_name' },
    });
    expect(columnFilter('user_name', { kind: 'text', mode: 'equals', value: '  ' })).toBeNull();
  });

  it('translates ranges and sets', () => {
    expect(columnFilter('session_count', { kind: 'number', min: 2, max: null })).toEqual({
      op: 'range',
      key: 'session_count',
      gte: 2,
    });
    expect(columnFilter('last_seen', { kind: 'time', from: 10, to: 20 })).toEqual({
      op: 'range',
      key: 'last_seen',
      gte: 10,
      lte: 20,
    });
    expect(columnFilter('last_country_code', { kind: 'set', values: ['FR'] })).toEqual({
      op: 'eq',
      key: 'last_country_code',
      value: 'FR',
    });
    expect(columnFilter('last_country_code', { kind: 'set', values: ['FR', 'DE'] })).toEqual({
      op: 'in',
      key: 'last_country_code',
      values: ['FR', 'DE'],
    });
    expect(isActive({ kind: 'set', values: [] })).toBe(false);
  });

  it('combines the columns into one filter and sends the query beside it', () => {
    expect(gridFilter({})).toBeNull();
    expect(gridSelection('  ', {})).toEqual({ filter: null });
    expect(gridSelection(' session_count:>2 ', {})).toEqual({ query: 'session_count:>2', filter: null });
    expect(
      gridSelection('alice', {
        session_count: { kind: 'number', min: 1, max: 5 },
        last_country_code: { kind: 'set', values: ['FR'] },
      }),
    ).toEqual({
      query: 'alice',
      filter: {
        op: 'and',
        items: [
          { op: 'eq', key: 'last_country_code', value: 'FR' },
          { op: 'range', key: 'session_count', gte: 1, lte: 5 },
        ],
      },
    });
    expect(gridFilter({ session_count: { kind: 'number', min: 1, max: null } }, 'session_count')).toBeNull();
    expect(gridSelection('x', { session_count: { kind: 'number', min: 1, max: null } }, 'session_count')).toEqual({ query: 'x', filter: null });
  });

  it('describes filters for chips', () => {
    const country = attributeSpec('user', 'last_country_code')!;
    expect(describeFilter(country, { kind: 'set', values: ['FR', 'DE', 'US'] })).toBe(
      'Last country: France (FR), Germany (DE) +1',
    );
  });
});
