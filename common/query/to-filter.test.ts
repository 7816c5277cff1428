import { describe, expect, it } from 'vitest';
import { ACCOUNT_ATTRIBUTES, USER_ATTRIBUTES } from '../keys';
import { QueryError } from './errors';
import { queryToFilter } from './to-filter';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY = 86_400_000;
const users = (q: string) => queryToFilter(q, { attributes: USER_ATTRIBUTES, now: NOW });

function errorOf(q: string): QueryError {
  try {
    users(q);
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error(`"${q}" resolved`);
}

describe('queryToFilter', () => {
  it('matches everything for an empty query or a bare *', () => {
    expect(users('')).toBeNull();
    expect(users('*')).toEqual({ op: 'and', items: [] });
  });

  it('resolves the examples of the issue', () => {
    expect(users('first_country_code:FR last_seen:>now-7d')).toEqual({
      op: 'and',
      items: [
        { op: 'eq', key: 'first_country_code', value: 'FR' },
        { op: 'range', key: 'last_seen', gt: NOW - 7 * DAY },
      ],
    });
    expect(users('user_email:*@acme.com -last_browser_name:Safari')).toEqual({
      op: 'and',
      items: [
        { op: 'like', key: 'user_email', pattern: '*@acme.com' },
        { op: 'not', item: { op: 'eq', key: 'last_browser_name', value: 'Safari' } },
      ],
    });
    expect(users('-account_id:*')).toEqual({ op: 'not', item: { op: 'exists', key: 'account_id' } });
    expect(users('"jane doe"')).toEqual({ op: 'text', text: 'jane doe', phrase: true });
    expect(users('view_count:[10 TO 20]')).toEqual({ op: 'range', key: 'view_count', gte: 10, lte: 20 });
    expect(users('last_seen:[2025-03-01 TO 2025-04-01]')).toEqual({
      op: 'range',
      key: 'last_seen',
      gte: Date.UTC(2025, 2, 1),
      lte: Date.UTC(2025, 3, 1),
    });
    expect(users('last_country_code:(FR OR DE) @last_device_type:mobile')).toEqual({
      op: 'and',
      items: [
        { op: 'in', key: 'last_country_code', values: ['FR', 'DE'] },
        { op: 'eq', key: 'last_device_type', value: 'mobile' },
      ],
    });
    expect(users('(last_device_type:mobile OR last_device_type:tablet) session_count:>=5')).toEqual({
      op: 'and',
      items: [
        {
          op: 'or',
          items: [
            { op: 'eq', key: 'last_device_type', value: 'mobile' },
            { op: 'eq', key: 'last_device_type', value: 'tablet' },
          ],
        },
        { op: 'range', key: 'session_count', gte: 5 },
      ],
    });
  });

  it('takes keys in any case, with or without @', () => {
    expect(users('@User_Email:x')).toEqual({ op: 'eq', key: 'user_email', value: 'x' });
  });

  it('reads a date alone as its whole UTC day, a full time exactly', () => {
    expect(users('first_seen:2025-03-01')).toEqual({ op: 'range', key: 'first_seen', gte: Date.UTC(2025, 2, 1), lt: Date.UTC(2025, 2, 2) });
    expect(users('first_seen:2025-03-01T10:00:00Z')).toEqual({ op: 'eq', key: 'first_seen', value: Date.UTC(2025, 2, 1, 10) });
  });

  it('keeps open range ends open and numbers as numbers', () => {
    expect(users('session_count:[5 TO *]')).toEqual({ op: 'range', key: 'session_count', gte: 5 });
    expect(users('session_count:3')).toEqual({ op: 'eq', key: 'session_count', value: 3 });
    expect(users('session_count:(1 OR 2)')).toEqual({ op: 'in', key: 'session_count', values: [1, 2] });
  });

  it('checks keys against the entity', () => {
    expect(queryToFilter('user_count:>3', { attributes: ACCOUNT_ATTRIBUTES, now: NOW })).toEqual({ op: 'range', key: 'user_count', gt: 3 });
    const err = errorOf('session_count:>1 user_count:>3');
    expect(err.position).toBe(17);
  });

  it('suggests the nearest key for an unknown one, at its position', () => {
    const err = errorOf('last_browser:Chrome');
    expect(err.position).toBe(0);
    expect(err.message).toBe('Unknown key "last_browser" at position 0; did you mean "last_browser_name"?');
    expect(errorOf('a sesion_count:3').message).toContain('did you mean "session_count"?');
    expect(errorOf('zzzzzzzzzzzzzzzzzz:3').message).toBe('Unknown key "zzzzzzzzzzzzzzzzzz" at position 0');
  });

  it('refuses values of the wrong type, at the value', () => {
    expect(errorOf('session_count:lots')).toMatchObject({ position: 14, expected: 'a number' });
    expect(errorOf('last_seen:>yesterday')).toMatchObject({ position: 10, expected: 'a time' });
    expect(errorOf('user_name:>b')).toMatchObject({ position: 10, expected: 'a text value' });
    expect(errorOf('session_count:1*')).toMatchObject({ position: 14, expected: 'a number' });
  });
});

describe('segment:NAME', () => {
  it('names saved segments, alone, quoted, grouped and negated', () => {
    expect(users('segment:churn')).toEqual({ op: 'segment', name: 'churn' });
    expect(users('Segment:"Power users" -segment:(a OR b)')).toEqual({
      op: 'and',
      items: [
        { op: 'segment', name: 'Power users' },
        { op: 'not', item: { op: 'or', items: [{ op: 'segment', name: 'a' }, { op: 'segment', name: 'b' }] } },
      ],
    });
  });

  it('refuses patterns and ranges as segment names', () => {
    expect(errorOf('segment:churn*')).toMatchObject({ position: 8, expected: 'a segment name' });
    expect(errorOf('segment:>3')).toMatchObject({ position: 8, expected: 'a segment name' });
    expect(errorOf('segmnt:x').message).toContain('did you mean "segment"?');
  });
});
