import { describe, expect, it } from 'vitest';
import { csvText } from './csv';

describe('csvText', () => {
  it('quotes only what RFC 4180 needs, doubling quotes', () => {
    expect(csvText('plain', true)).toBe('plain');
    expect(csvText('a,b', true)).toBe('"a,b"');
    expect(csvText('say "hi"', true)).toBe('"say ""hi"""');
    expect(csvText('two\nlines', false)).toBe('"two\nlines"');
  });

  it('guards formulas on request, before quoting', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvText(`${start}1`, true)).toBe(`'${start}1`);
    expect(csvText('\rx', true)).toBe(`"'\rx"`);
    expect(csvText('=SUM(A1,A2)', true)).toBe(`"'=SUM(A1,A2)"`);
    expect(csvText('=1', false)).toBe('=1');
  });
});
