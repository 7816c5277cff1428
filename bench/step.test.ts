import { describe, expect, it } from 'vitest';
import { errorLine, step } from './step';

describe('errorLine', () => {
  it('keeps an ordinary first line', () => {
    expect(errorLine('import failed: disk full\n    at x (y.ts:1:1)')).toBe('import failed: disk full');
  });

  it('names the error when the first line is only where the code failed to load', () => {
    const stack = [
      '/work/main/main/core/ingest/account-writer.ts:7',
      "import { b } from './m';",
      '         ^',
      "SyntaxError: The requested module './m' does not provide an export named 'b'",
      '    at ModuleJob._instantiate (node:internal/modules/esm/module_job:213:21)',
    ].join('\n');
    expect(errorLine(stack)).toBe("SyntaxError: The requested module './m' does not provide an export named 'b' (/work/main/main/core/ingest/account-writer.ts:7)");
    expect(errorLine('file:///a/b.ts:3:9\nno error line here')).toBe('file:///a/b.ts:3:9');
    expect(errorLine('')).toBe('unknown error');
  });
});

describe('step', () => {
  it('returns the value, or why it was skipped', async () => {
    expect(await step('ok', async () => 42)).toEqual({ value: 42 });
    expect(await step('bad', async () => {
      throw new Error('no such file\n    at open');
    })).toEqual({ skipped: 'no such file' });
  });
});
