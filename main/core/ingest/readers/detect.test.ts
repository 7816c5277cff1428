import { describe, expect, it } from 'vitest';
import { detectMode, MAX_PROBE_LINE } from './detect';
import { NotEventsError } from './errors';

const detect = (head: string, eof = true) => detectMode(head, eof, 'f.json');

describe('detectMode', () => {
  it('takes a first line that is a complete value as NDJSON', () => {
    expect(detect('{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(detect('\n\n  {"data":[{"a":1}]}\n')).toBe('ndjson');
    expect(detect('[{"a":1}]\n[{"a":2}]')).toBe('ndjson');
    expect(detect('{"a":1}')).toBe('ndjson');
  });

  it('takes pretty-printed JSON to the scanner', () => {
    expect(detect('[\n  {"a": 1}\n]')).toBe('scan');
    expect(detect('{\n  "type": "view"\n}')).toBe('scan');
    expect(detect('[ {"a":1},\n  {"b":2}\n]')).toBe('scan');
    expect(detect('{"a":1} {"b":\n2}')).toBe('scan');
  });

  it('still reads NDJSON line by line when its first line is damaged', () => {
    expect(detect('{"a":1, "trunc\n{"a":2}\n')).toBe('ndjson');
    expect(detect('{"a":1, "trunc\n\n[{"a":2}]\n')).toBe('ndjson');
    expect(detect('{"a":1, "trunc\n"b": 2}\n')).toBe('scan');
  });

  it('waits for the end of the first line, but not forever', () => {
    expect(detect('{"a":', false)).toBeNull();
    expect(detect('  \n ', false)).toBeNull();
    expect(detect('{"a":1, "trunc\n{"a"', false)).toBeNull();
    expect(detect(`[${'1,'.repeat(MAX_PROBE_LINE / 2)}`, false)).toBe('scan');
    // Not JSON: still wait for a bit of the line, to quote it in the error.
    expect(detect('<!DOC', false)).toBeNull();
    expect(() => detect('<!DOCTYPE html>\n', false)).toThrow('line 1 starts with "<!DOCTYPE html>"');
  });

  it('rejects text that does not start like JSON, naming the file and line', () => {
    expect(() => detect('\n\nuser_id,email\n1,a@b.c\n')).toThrow(
      'f.json: not a RUM event file (line 3 starts with "user_id,email"; expected JSON events: NDJSON, a JSON array or an API page)',
    );
    const err = (() => {
      try {
        detect('  <html><body>' + 'x'.repeat(100));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NotEventsError);
    expect(err).toMatchObject({ file: 'f.json', line: 1 });
    expect((err as Error).message).toContain('line 1 starts with "<html><body>xxxxxxxxxxxxxxxxxxxxxxxxxxxx"…;');
  });

  it('rejects a blank file once the end is reached', () => {
    expect(() => detect('')).toThrow('f.json: contains no events');
    expect(() => detect(' \n\t\r\n')).toThrow(NotEventsError);
  });
});
