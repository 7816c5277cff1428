import { describe, expect, it } from 'vitest';
import { ACCOUNT_ATTRIBUTES, USER_ATTRIBUTES, type AttributeSpec } from '../../../../../common/keys';
import { ApiError } from '../../../api/errors';
import { checkQuery, echoParts, problemFromError } from './queryProblem';

describe('query problems', () => {
  it('accepts plain words, the full syntax and an empty query', () => {
    expect(checkQuery(USER_ATTRIBUTES, '')).toBeNull();
    expect(checkQuery(USER_ATTRIBUTES, 'jane doe')).toBeNull();
    expect(checkQuery(USER_ATTRIBUTES, 'last_country_code:(FR OR DE) @last_device_type:mobile session_count:>=2')).toBeNull();
    expect(checkQuery(ACCOUNT_ATTRIBUTES, 'user_count:[1 TO 5] segment:"Big ones"')).toBeNull();
  });

  it('reports a malformed query with its position', () => {
    const problem = checkQuery(USER_ATTRIBUTES, 'session_count:>');
    expect(problem).toMatchObject({ query: 'session_count:>', position: 15 });
    expect(problem!.message).toContain('position 15');
  });

  it('checks keys against the kind of profile', () => {
    expect(checkQuery(USER_ATTRIBUTES, 'user_count:>2')).toMatchObject({ position: 0 });
    expect(checkQuery(ACCOUNT_ATTRIBUTES, 'user_count:>2')).toBeNull();
    expect(checkQuery(USER_ATTRIBUTES, 'last_browser:Safari')!.message).toContain('last_browser_name');
  });

  it('knows custom attributes by name and checks their values against their type', () => {
    const custom: AttributeSpec[] = [
      ...USER_ATTRIBUTES,
      { key: 'ltv', label: 'LTV', type: 'number', group: 'custom', source: 'CRM' },
      { key: 'tier', label: 'Tier', type: 'text', group: 'custom', source: 'CRM' },
      { key: 'signed_up', label: 'Signed up', type: 'time', group: 'custom', source: 'CRM' },
    ];
    expect(checkQuery(custom, 'ltv:>100 tier:gold signed_up:>now-1y')).toBeNull();
    expect(checkQuery(USER_ATTRIBUTES, 'ltv:>100')!.message).toContain('Unknown key "ltv"');
    expect(checkQuery(custom, 'ltv:>lots')).toMatchObject({ position: 4 });
    expect(checkQuery(custom, 'tier:>gold')!.message).toContain('tier is text');
  });

  it("reads the core's bad_query, with or without a position", () => {
    const withPosition = new ApiError({ code: 'bad_query', message: 'Unexpected ")" at position 3', details: { position: 3, expected: 'a term' } });
    expect(problemFromError(withPosition, 'a b)')).toEqual({ query: 'a b)', message: 'Unexpected ")" at position 3', position: 3 });
    const noPosition = new ApiError({ code: 'bad_query', message: 'No segment named "x"', details: { segment: 'x' } });
    expect(problemFromError(noPosition, 'segment:x')).toMatchObject({ position: null });
    expect(problemFromError(new ApiError({ code: 'internal', message: 'boom' }), 'a')).toBeNull();
    expect(problemFromError(new Error('boom'), 'a')).toBeNull();
  });

  it('echoes the query around the position, marking the end of the query as a gap', () => {
    expect(echoParts('session_count:>', 15)).toEqual({ before: 'session_count:>', at: '', after: '', cutBefore: false, cutAfter: false });
    expect(echoParts('a b) c', 3)).toEqual({ before: 'a b', at: ')', after: ' c', cutBefore: false, cutAfter: false });
    const long = `${'x'.repeat(100)}!${'y'.repeat(100)}`;
    const parts = echoParts(long, 100, 10);
    expect(parts).toEqual({ before: 'x'.repeat(10), at: '!', after: 'y'.repeat(10), cutBefore: true, cutAfter: true });
  });
});
