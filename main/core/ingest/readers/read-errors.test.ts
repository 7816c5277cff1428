import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { NotEventsError, readRecords } from './index';
import { hasRawControl, readAll, tempDir } from './test-utils';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const EXPECTED = 'expected JSON events: NDJSON, a JSON array or an API page';

/** Asserts that the very first next() fails, i.e. nothing was yielded before the error. */
async function firstError(file: string, chunkSize?: number): Promise<NotEventsError> {
  const iterator = chunkSize ? readAll(file, {}, { chunkSize }) : readRecords(file).next();
  const err: unknown = await iterator.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NotEventsError);
  return err as NotEventsError;
}

describe('readRecords: files that are not events', () => {
  it('rejects an HTML page, naming file and line', async () => {
    const file = tmp.write('page.json', '<!DOCTYPE html>\n<html><body>Sign in</body></html>\n');
    const err = await firstError(file);
    expect(err.message).toBe(`${file}: not a RUM event file (line 1 starts with "<!DOCTYPE html>"; ${EXPECTED})`);
    expect(err).toMatchObject({ name: 'NotEventsError', file, line: 1 });
  });

  it('rejects CSV, after leading blank lines, with the right line', async () => {
    const file = tmp.write('users.csv', '\n\nuser_id,email,name\n1,a@b.c,Ann\n');
    const err = await firstError(file, 7);
    expect(err.line).toBe(3);
    expect(err.message).toBe(`${file}: not a RUM event file (line 3 starts with "user_id,email,name"; ${EXPECTED})`);
  });

  it('rejects binary content: NUL bytes or invalid UTF-8 in the first KB', async () => {
    const png = tmp.write('image.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect((await firstError(png)).message).toBe(`${png}: not a RUM event file (binary content: NUL bytes in the first KB; ${EXPECTED})`);
    const latin1 = tmp.write('latin1.json', Buffer.from('{"name":"caf\xe9"}\n', 'latin1'));
    expect((await firstError(latin1, 7)).message).toContain('binary content: not UTF-8 text in the first KB');
    const utf16 = tmp.write('utf16.json', Buffer.from('\uFEFF{"a":1}', 'utf16le'));
    expect((await firstError(utf16)).message).toContain(`${utf16}: not a RUM event file (binary content`);
  });

  it('does not take a multi-byte character cut at the 1 KB mark for binary', async () => {
    const text = `{"s":"${'a'.repeat(1017)}😀"}\n`;
    expect(Buffer.from(text).subarray(0, 1024).toString()).toMatch(/\uFFFD$/); // cut inside the emoji
    expect(await readAll(tmp.write('cut-char.json', text), {}, { chunkSize: 1000 })).toHaveLength(1);
  });

  it('rejects an empty or blank file, plain or gzip', async () => {
    for (const [name, content, gzip] of [
      ['empty.json', '', false],
      ['blank.json', ' \n\r\n\t\n', false],
      ['empty.json.gz', '', true],
    ] as const) {
      const file = tmp.write(name, content, gzip);
      const err = await firstError(file);
      expect(err.message).toBe(`${file}: contains no events (the file is empty or blank)`);
    }
  });

  it('rejects a corrupt gzip stream, naming the file', async () => {
    const file = tmp.write('corrupt.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const err = await firstError(file);
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: corrupt gzip stream \\(.+\\)$`));
  });

  it('rejects a truncated gzip stream', async () => {
    const whole = gzipSync(Buffer.from('{"a":1}\n'.repeat(10)));
    const file = tmp.write('truncated.json.gz', whole.subarray(0, whole.length - 6));
    await expect(readAll(file)).rejects.toThrow(`${file}: corrupt gzip stream`);
  });

  it('rejects gzip-compressed HTML like plain HTML', async () => {
    const file = tmp.write('page.html.gz', '<html></html>', true);
    expect((await firstError(file)).message).toContain('line 1 starts with "<html></html>"');
  });

  it('reports a missing file or a directory clearly', async () => {
    const missing = tmp.path('nope.ndjson');
    const err = await firstError(missing);
    expect(err.message).toBe(`${missing}: no such file`);
    expect(err.line).toBe(0);
    const dir = tmp.path('');
    expect((await firstError(dir)).message).toBe(`${dir}: is a folder, not a file`);
  });

  it('reads text after a damaged first NDJSON line instead of rejecting the file', async () => {
    const file = tmp.write('damaged-first.ndjson', '{"type":"vi\n{"type":"view"}\n{"type":"action"}\n');
    const records = await readAll(file);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[0]).toHaveProperty('error');
  });
});

describe('readRecords: hostile content in messages', () => {
  /** Clear screen, red, bell, a C1 escape, a bidi override, then a very long tail. */
  const HOSTILE = `\u001b[2J\u001b[31mPWNED\u0007\u009b1m\u202eevil${'A'.repeat(100_000)}`;
  /** The quoted parts of a message: each at most 40 characters (plus its quotes and escapes). */
  const quoted = (message: string): string[] => [...message.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);

  it('quotes a short, escaped excerpt of a file that does not start like JSON', async () => {
    const file = tmp.write('hostile.txt', `${HOSTILE}\n`);
    const { message } = await firstError(file);
    expect(hasRawControl(message)).toBe(false);
    expect(message.length).toBeLessThan(file.length + 200);
    expect(message).toContain('line 1 starts with "\\u001b[2J\\u001b[31mPWNED\\u0007\\u009b1m\\u202eevil');
    for (const q of quoted(message)) expect(Array.from(q).length).toBeLessThanOrEqual(40);
  });

  it('escapes and shortens what the reason of a skipped record quotes', async () => {
    const lines = ['{"type":"view"}', `{"a": ${HOSTILE}}`, `{"a": "${HOSTILE}`, '{"type":"action"}'];
    const ndjsonFile = tmp.write('hostile.ndjson', `${lines.join('\n')}\n`);
    // Pretty-printed, so the scanner reads it: the hostile line is stray text between values.
    const scanned = tmp.write('hostile.json', `{\n "type": "view"\n}\n${HOSTILE}\n{"type":"action"}\n`);
    const bad = [...(await readAll(ndjsonFile)), ...(await readAll(scanned))].filter((r) => 'error' in r);
    expect(bad.map((r) => r.line)).toEqual([2, 3, 4]);
    for (const record of bad) {
      const reason = (record as { error: string }).error;
      expect(hasRawControl(reason)).toBe(false);
      expect(reason.length).toBeLessThanOrEqual(200);
      for (const q of quoted(reason)) expect(Array.from(q).length).toBeLessThanOrEqual(40);
    }
    expect((bad[2] as { error: string }).error).toBe(
      // 23 characters before the As: 17 of them make the 40.
      `invalid JSON: unexpected text "\\u001b[2J\\u001b[31mPWNED\\u0007\\u009b1m\\u202eevil${'A'.repeat(17)}"… between values`,
    );
  });
});
