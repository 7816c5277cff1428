import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileErrorReason } from '../core/file-errors';
import { unreadableReason } from './files';

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: something, stat '/x'`), { code, errno: -1, syscall: 'stat', path: '/x' });

describe('fileErrorReason', () => {
  it('says what a failed stat was, in words', () => {
    expect(fileErrorReason(errno('ENOENT'))).toBe('no such file');
    expect(fileErrorReason(errno('EACCES'))).toBe('permission denied');
    expect(fileErrorReason(errno('EPERM'))).toBe('permission denied');
    expect(fileErrorReason(errno('EISDIR'))).toBe('is a folder, not a file');
    expect(fileErrorReason(errno('ENOTDIR'))).toMatch(/^no such file \(a part of the path is a file/);
    expect(fileErrorReason(errno('ELOOP'))).toMatch(/symbolic links/);
    expect(fileErrorReason(errno('EIO'))).toBe('cannot read it (EIO)');
    expect(fileErrorReason(new Error('odd'))).toBe('cannot read it (odd)');
  });
});

describe('unreadableReason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-desk-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a readable file and names what is wrong with anything else', () => {
    const file = join(dir, 'ok.ndjson');
    writeFileSync(file, '{}\n');
    expect(unreadableReason(file)).toBeNull();
    expect(unreadableReason(join(dir, 'missing.ndjson'))).toBe('no such file');
    expect(unreadableReason(dir)).toBe('is a folder, not a file');
    expect(unreadableReason(join(file, 'inside'))).toMatch(/^no such file/);
  });

  // Root may read a file of mode 000, so only other users can see this refusal.
  it.skipIf(process.getuid?.() === 0)('says permission denied for a file without read permission', () => {
    const locked = join(dir, 'locked.ndjson');
    writeFileSync(locked, '{}\n');
    chmodSync(locked, 0o000);
    expect(unreadableReason(locked)).toBe('permission denied');
  });
});
