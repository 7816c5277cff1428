import { describe, expect, it } from 'vitest';
import { apiError, caretLines } from './query-errors';

describe('caretLines', () => {
  it('puts the caret under the position, also at the end of the query', () => {
    expect(caretLines('a:b c:', 6)).toEqual(['  a:b c:', '        ^']);
    expect(caretLines('x', 0)).toEqual(['  x', '  ^']);
  });

  it('keeps the caret aligned over control characters and cuts long queries around the position', () => {
    expect(caretLines('a\tb:', 4)).toEqual(['  a b:', '      ^']);
    const long = `${'a'.repeat(100)}:${'b'.repeat(100)}`;
    const [text, caret] = caretLines(long, 100);
    expect(text).toBe(`  …${'a'.repeat(40)}:${'b'.repeat(39)}…`);
    expect(text[caret.indexOf('^')]).toBe(':');
  });
});

describe('apiError', () => {
  it('a bad query is exit 2 with the query under a caret; other errors exit 1 with the prefix', () => {
    const bad = apiError({ code: 'bad_query', message: 'Expected a value at position 2', details: { position: 2, expected: 'a value' } }, 'a:');
    expect(bad.exitCode).toBe(2);
    expect(bad.message).toBe('bad query: Expected a value at position 2\n  a:\n    ^');
    expect(apiError({ code: 'bad_query', message: 'No segment named "x"' }, 'a:b').message).toBe('bad query: No segment named "x"');
    const other = apiError({ code: 'not_found', message: 'gone' }, undefined, 'Export not started: ');
    expect([other.exitCode, other.message]).toEqual([1, 'Export not started: gone']);
  });
});
