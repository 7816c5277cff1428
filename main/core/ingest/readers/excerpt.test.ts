import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, escapeControls, excerpt, safeMessage } from './excerpt';
import { hasRawControl } from './test-utils';

/** A line written to attack whoever reads the report: clear screen, colours, bell, bidi. */
const HOSTILE = `\u001b[2J\u001b[31mPWNED\u0007\u009b1m\u202eevil\r\n${'A'.repeat(10_000)}`;

describe('excerpt', () => {
  it('quotes short text like JSON.stringify', () => {
    expect(excerpt('<!DOCTYPE html>')).toBe('"<!DOCTYPE html>"');
    expect(excerpt('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it(`cuts long text to ${EXCERPT_CHARS} characters, never inside a surrogate pair`, () => {
    expect(excerpt('x'.repeat(100))).toBe(`"${'x'.repeat(EXCERPT_CHARS)}"…`);
    const emoji = excerpt('😀'.repeat(50));
    expect(emoji).toBe(`"${'😀'.repeat(EXCERPT_CHARS)}"…`);
    expect(excerpt('x'.repeat(EXCERPT_CHARS))).toBe(`"${'x'.repeat(EXCERPT_CHARS)}"`);
  });

  it('shows control characters, ANSI escapes and bidi overrides as escapes', () => {
    const shown = excerpt(HOSTILE);
    expect(hasRawControl(shown)).toBe(false);
    // 25 characters before the As, so 15 of them make the 40.
    expect(shown).toBe(`"\\u001b[2J\\u001b[31mPWNED\\u0007\\u009b1m\\u202eevil\\r\\n${'A'.repeat(15)}"…`);
  });
});

describe('safeMessage', () => {
  it("escapes and shortens the text V8 quotes in JSON.parse's message", () => {
    let message = '';
    try {
      JSON.parse(HOSTILE);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(hasRawControl(message)).toBe(true); // what V8 gives: the file's bytes as they are
    const safe = safeMessage(message);
    expect(hasRawControl(safe)).toBe(false);
    expect(safe).toMatch(/^Unexpected token "\\u001b", "\\u001b\[2J\\u001b\[31mP.*"\.\.\. is not valid JSON$/);
  });

  it('escapes control characters in any other message', () => {
    expect(safeMessage('Bad thing near \u001b[31m\u0007')).toBe('Bad thing near \\u001b[31m\\u0007');
    expect(escapeControls('tab\there "quoted" \\ \u202e')).toBe('tab\\there "quoted" \\ \\u202e');
  });
});
