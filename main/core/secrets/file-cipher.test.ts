import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileCipher, SEALED_VERSION } from './file-cipher';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cipher-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Flips one bit of the sealed payload's byte at `index` (0 = first IV byte). */
function flip(sealed: string, index: number): string {
  const [version, id, body] = sealed.split(':');
  const raw = Buffer.from(body!, 'base64');
  raw[index] = raw[index]! ^ 1;
  return `${version}:${id}:${raw.toString('base64')}`;
}

describe('file cipher', () => {
  it('round-trips secrets, with a fresh IV each time and no plain text in the sealed string', () => {
    const cipher = createFileCipher(join(dir, 'secrets.key'));
    const secret = 'hunter2-ünïcødé-🔑';
    const a = cipher.encrypt(secret);
    const b = cipher.encrypt(secret);
    expect(a).not.toBe(b);
    expect(a.startsWith(`${SEALED_VERSION}:`)).toBe(true);
    expect(a).not.toContain('hunter2');
    expect(cipher.decrypt(a)).toBe(secret);
    expect(cipher.decrypt(b)).toBe(secret);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('creates the key on first use, 0600 in a new 0700 folder, and another cipher on it reads the secrets', () => {
    const keyPath = join(dir, 'nested', 'folder', 'secrets.key');
    const cipher = createFileCipher(keyPath);
    expect(statSync(join(dir, 'nested'), { throwIfNoEntry: false })).toBeUndefined();
    const sealed = cipher.encrypt('s3cret');
    if (posix) {
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'nested', 'folder')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    }
    expect(Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64')).toHaveLength(32);
    // No temp file left beside the key.
    expect(readdirSync(join(dir, 'nested', 'folder'))).toEqual(['secrets.key']);
    expect(createFileCipher(keyPath).decrypt(sealed)).toBe('s3cret');
  });

  it('a second cipher on the same path uses the key the first one created', () => {
    const keyPath = join(dir, 'secrets.key');
    const first = createFileCipher(keyPath);
    const second = createFileCipher(keyPath);
    const a = first.encrypt('a');
    const b = second.encrypt('b');
    expect(first.decrypt(b)).toBe('b');
    expect(second.decrypt(a)).toBe('a');
  });

  it('refuses tampered ciphertexts: IV, tag, body and prefix', () => {
    const cipher = createFileCipher(join(dir, 'secrets.key'));
    const sealed = cipher.encrypt('a long enough secret');
    for (const index of [0, 12, 30]) expect(() => cipher.decrypt(flip(sealed, index))).toThrow(/altered/);
    expect(() => cipher.decrypt(sealed.replace(/^pd1/, 'pd2'))).toThrow(/format this version can read/);
    expect(() => cipher.decrypt('plain text')).toThrow(/format this version can read/);
    expect(() => cipher.decrypt('ss1:AAAA')).toThrow(/sealed by the desktop app with the system keychain/);
    expect(() => cipher.decrypt(`${sealed.slice(0, 21)}AAAA`)).toThrow(/truncated/);
  });

  it('says a secret sealed with another key is foreign, not altered', () => {
    const mine = createFileCipher(join(dir, 'a.key'));
    const theirs = createFileCipher(join(dir, 'b.key'));
    mine.encrypt('make the key');
    expect(() => mine.decrypt(theirs.encrypt('x'))).toThrow(/sealed with another key than .*a\.key/);
  });

  it('explains a missing key when opening a secret, without creating one', () => {
    const keyPath = join(dir, 'secrets.key');
    const sealed = createFileCipher(keyPath).encrypt('x');
    rmSync(keyPath);
    expect(() => createFileCipher(keyPath).decrypt(sealed)).toThrow(/secrets key .* is missing.*enter them again/);
    expect(statSync(keyPath, { throwIfNoEntry: false })).toBeUndefined();
  });

  it('refuses a damaged key file', () => {
    const keyPath = join(dir, 'secrets.key');
    writeFileSync(keyPath, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => createFileCipher(keyPath).encrypt('x')).toThrow(/damaged/);
  });

  it.skipIf(!posix)('refuses a key file other users can read, like ssh', () => {
    const keyPath = join(dir, 'secrets.key');
    const sealed = createFileCipher(keyPath).encrypt('x');
    chmodSync(keyPath, 0o644);
    expect(() => createFileCipher(keyPath).decrypt(sealed)).toThrow(/readable by other users \(mode 0644\).*chmod 600/);
    expect(() => createFileCipher(keyPath).encrypt('y')).toThrow(/readable by other users/);
    chmodSync(keyPath, 0o640);
    expect(() => createFileCipher(keyPath).decrypt(sealed)).toThrow(/mode 0640/);
    chmodSync(keyPath, 0o600);
    expect(createFileCipher(keyPath).decrypt(sealed)).toBe('x');
  });
});
