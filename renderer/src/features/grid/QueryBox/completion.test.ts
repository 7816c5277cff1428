import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../../common/query';
import { applyCompletion, completionContext, matchKeys, matchValues, quoteValue } from './completion';

const at = (withCaret: string) => {
  const cursor = withCaret.indexOf('|');
  return completionContext(withCaret.replace('|', ''), cursor);
};

describe('completionContext', () => {
  it('completes a key being typed, after a sign or an @', () => {
    expect(at('last_co|')).toEqual({ kind: 'key', prefix: 'last_co', start: 0, end: 7 });
    expect(at('jane -last_b|')).toEqual({ kind: 'key', prefix: 'last_b', start: 6, end: 12 });
    expect(at('@user_e|')).toEqual({ kind: 'key', prefix: 'user_e', start: 1, end: 7 });
    expect(at('(ses| OR x)')).toEqual({ kind: 'key', prefix: 'ses', start: 1, end: 4 });
  });

  it('replaces the whole word under the cursor, not only its start', () => {
    expect(at('sess|ion_c rest')).toEqual({ kind: 'key', prefix: 'sess', start: 0, end: 9 });
  });

  it('offers keys on an empty term but nothing after a keyword or inside a phrase', () => {
    expect(at('a |')).toEqual({ kind: 'key', prefix: '', start: 2, end: 2 });
    expect(at('a OR|')).toBeNull();
    expect(at('"jane d|')).toBeNull();
    expect(at('jane@ac|')).toBeNull();
  });

  it('completes a value after key:, a comparator or a negated key', () => {
    expect(at('last_country_code:F|')).toEqual({ kind: 'value', key: 'last_country_code', comparator: '', prefix: 'F', start: 18, end: 19 });
    expect(at('x -Last_Browser_Name:|')).toEqual({ kind: 'value', key: 'last_browser_name', comparator: '', prefix: '', start: 21, end: 21 });
    expect(at('session_count:>=|')).toEqual({ kind: 'value', key: 'session_count', comparator: '>=', prefix: '', start: 16, end: 16 });
    expect(at('@user_name:ja\\ d|')).toEqual({ kind: 'value', key: 'user_name', comparator: '', prefix: 'ja d', start: 11, end: 16 });
  });

  it('completes values inside a quote and inside a value group', () => {
    expect(at('user_name:"Jane D|"')).toEqual({ kind: 'value', key: 'user_name', comparator: '', prefix: 'Jane D', start: 10, end: 18 });
    expect(at('last_country_code:(FR OR D|)')).toEqual({ kind: 'value', key: 'last_country_code', comparator: '', prefix: 'D', start: 25, end: 26 });
    expect(at('last_country_code:(FR O|')).toEqual({ kind: 'value', key: 'last_country_code', comparator: '', prefix: 'O', start: 22, end: 23 });
    expect(at('last_country_code:(FR OR|')).toBeNull();
  });
});

describe('applyCompletion', () => {
  it('writes a key with its colon and puts the cursor after it', () => {
    const text = 'jane -last_b';
    expect(applyCompletion(text, completionContext(text, text.length)!, 'last_browser_name')).toEqual({
      text: 'jane -last_browser_name:',
      cursor: 24,
    });
  });

  it('writes a value, quoted when needed, and a space to go on', () => {
    const text = 'user_name:ja';
    const done = applyCompletion(text, completionContext(text, text.length)!, 'Jane "JD" Doe');
    expect(done.text).toBe('user_name:"Jane \\"JD\\" Doe" ');
    expect(done.cursor).toBe(done.text.length);
    // What was written reads back as exactly the chosen value.
    expect(parseQuery(done.text)).toMatchObject({ type: 'field', key: 'user_name', value: { type: 'exact', value: 'Jane "JD" Doe' } });
  });

  it('writes a raw value (a comparison) as it is', () => {
    const text = 'last_seen:';
    expect(applyCompletion(text, completionContext(text, text.length)!, '>now-7d', true).text).toBe('last_seen:>now-7d ');
  });

  it('replaces a value in the middle of a query without doubling spaces', () => {
    const text = 'last_country_code:F session_count:>2';
    const done = applyCompletion(text, completionContext(text, 19)!, 'FR');
    expect(done).toEqual({ text: 'last_country_code:FR session_count:>2', cursor: 21 });
  });
});

describe('matching', () => {
  it('ranks keys by prefix, then by a word of the key', () => {
    expect(matchKeys('country', ['user_id', 'first_country_code', 'last_country_code'])).toEqual(['first_country_code', 'last_country_code']);
    expect(matchKeys('SE', ['user_id', 'last_seen', 'session_count', 'segment'])).toEqual(['session_count', 'segment', 'last_seen']);
  });

  it('ranks values by prefix, then by substring, case-insensitively', () => {
    const values = [{ value: 'Mobile Safari' }, { value: 'Safari' }, { value: 'Chrome' }];
    expect(matchValues('saf', values).map((v) => v.value)).toEqual(['Safari', 'Mobile Safari']);
  });

  it('quotes only what the parser would otherwise split or read as syntax', () => {
    expect(quoteValue('FR')).toBe('FR');
    expect(quoteValue('a@b.com')).toBe('a@b.com');
    expect(quoteValue('Mac OS')).toBe('"Mac OS"');
    expect(quoteValue('-x')).toBe('"-x"');
    expect(quoteValue('OR')).toBe('"OR"');
    expect(quoteValue('12:30')).toBe('"12:30"');
  });
});
