import { describe, expect, it } from 'vitest';
import { UsageError as CliUsageError } from '../main/cli/errors';
import { parseArgs, UsageError } from './args';
import { fmtMs, fmtRatio, formatTable, percentile, stats, verdict } from './table';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const v = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile(v, 90)).toBe(9);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
    expect(stats(v)).toEqual({ n: 3, p50: 2, p95: 3, max: 3 });
  });
});

describe('formatTable', () => {
  it('pads columns to equal width and aligns numbers right', () => {
    const out = formatTable(
      [{ title: 'work' }, { title: 'time', align: 'right' }],
      [
        ['floor', '1.20 s'],
        ['import | worker', '10.5 s'],
        ['empty', null],
      ],
    );
    expect(out.split('\n')).toEqual([
      '| work             |   time |',
      '|------------------|-------:|',
      '| floor            | 1.20 s |',
      '| import \\| worker | 10.5 s |',
      '| empty            |        |',
    ]);
  });
});

describe('formatters', () => {
  it('formats ms, ratios and verdicts', () => {
    expect(fmtMs(1.234)).toBe('1.23 ms');
    expect(fmtMs(45.67)).toBe('45.7 ms');
    expect(fmtMs(250.4)).toBe('250 ms');
    expect(fmtMs(NaN)).toBe('–');
    expect(fmtRatio(1.456)).toBe('1.46×');
    expect(verdict(49, 50)).toBe('OK');
    expect(verdict(51, 50)).toBe('OVER');
    expect(verdict(NaN, 50)).toBe('–');
  });
});

describe('parseArgs', () => {
  const spec = {
    users: { type: 'int', required: true, help: 'users' },
    out: { type: 'string', help: 'file' },
    quick: { type: 'flag', help: 'smoke run' },
  } as const;

  it('parses ints, strings and flags in both spellings', () => {
    expect(parseArgs(['--users', '1_000', '--out=a.ndjson', '--quick'], spec, 'x')).toEqual({ users: 1000, out: 'a.ndjson', quick: true });
  });

  it('rejects unknown, missing and malformed options in the CLI\'s words, with the usage', () => {
    expect(() => parseArgs(['--users', '5', '--nope'], spec, 'x')).toThrow(/^Unknown flag --nope for "x" \(known: --users, --out, --quick\)\nusage: x/);
    expect(() => parseArgs(['--out', 'a'], spec, 'x')).toThrow(/Missing --users/);
    expect(() => parseArgs(['--users', 'many'], spec, 'x')).toThrow(/non-negative integer/);
    expect(() => parseArgs(['--users'], spec, 'x')).toThrow(/Missing value for --users/);
    expect(() => parseArgs(['--users', '1', 'extra'], spec, 'x')).toThrow(/"x" takes no arguments/);
    expect(() => parseArgs(['--users', '1', '--quick=1'], spec, 'x')).toThrow(UsageError);
    expect(() => parseArgs(['--users', '1', '--quick=1'], spec, 'x')).toThrow(CliUsageError);
  });
});
