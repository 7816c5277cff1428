/**
 * The secret cipher of the CLI and the browser host (secrets.ts): AES-256-GCM with a random
 * 32-byte key kept in a file only the user can read, beside the store (`secrets.key`). Like ssh
 * with a private key, a key file that other users can read is refused rather than used: whoever
 * can read it can read every saved password.
 *
 * Sealed format: `pd1:<key id>:<base64 of IV (12 bytes) | tag (16 bytes) | ciphertext>`. The
 * key id (the first 8 bytes of the key's SHA-256, which says nothing usable about the key) tells
 * "made with another key" apart from "altered"; the prefix is authenticated as well.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from './secrets';

export const SEALED_VERSION = 'pd1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What the desktop app's safeStorage cipher (main/electron/safe-storage-cipher.ts) puts first. */
const SAFE_STORAGE_PREFIX = 'ss1:';
const SEALED = /^pd1:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;

/** A secret could not be sealed or opened; the message says why and what to do. */
export class SecretCipherError extends Error {
  override name = 'SecretCipherError';
}

interface Key {
  bytes: Buffer;
  id: string;
}

function keyOf(bytes: Buffer): Key {
  return { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

/** Refuses a key file that is not a regular file of ours, readable by the user only (POSIX). */
export function checkKeyFile(keyPath: string, platform: NodeJS.Platform = process.platform): void {
  const info = statSync(keyPath);
  if (!info.isFile()) throw new SecretCipherError(`The secrets key ${keyPath} is not a regular file`);
  // Windows has no POSIX modes; the file lives in the user's own profile folder there.
  if (platform === 'win32') return;
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretCipherError(
      `The secrets key ${keyPath} is readable by other users (mode ${mode}), so it is not used: run chmod 600 "${keyPath}"`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new SecretCipherError(`The secrets key ${keyPath} belongs to another user (uid ${info.uid}), so it is not used`);
  }
}

function readKey(keyPath: string): Key {
  checkKeyFile(keyPath);
  const bytes = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new SecretCipherError(`The secrets key ${keyPath} is damaged (not ${KEY_BYTES} bytes in base64)`);
  }
  return keyOf(bytes);
}

/**
 * Writes a new key to a private temp file, then links it into place: `link` fails when the
 * name exists, so of two processes creating the key at once one wins and the other reads the
 * winner's complete file (never a half-written one).
 */
function createKey(keyPath: string): Key {
  mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(KEY_BYTES);
  const temp = `${keyPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${bytes.toString('base64')}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, keyPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKey(keyPath);
  } finally {
    unlinkSync(temp);
  }
  return keyOf(bytes);
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** The cipher over the key file at `keyPath`, created (0600, its folder 0700) on the first secret sealed. */
export function createFileCipher(keyPath: string): SecretCipher {
  let key: Key | null = null;
  const load = (create: boolean): Key => {
    if (key) return key;
    if (exists(keyPath)) key = readKey(keyPath);
    else if (create) key = createKey(keyPath);
    else {
      throw new SecretCipherError(
        `The secrets key ${keyPath} is missing, so saved passwords and tokens cannot be read: enter them again`,
      );
    }
    return key;
  };

  return {
    encrypt(plain: string): string {
      const { bytes, id } = load(true);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', bytes, iv);
      cipher.setAAD(Buffer.from(`${SEALED_VERSION}:${id}`));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SEALED_VERSION}:${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed: string): string {
      const match = SEALED.exec(sealed);
      if (!match && sealed.startsWith(SAFE_STORAGE_PREFIX)) {
        throw new SecretCipherError(
          'A saved secret was sealed by the desktop app with the system keychain, which only the app can open: use the app, or enter the secret again here',
        );
      }
      if (!match) throw new SecretCipherError('A saved secret is not in a format this version can read: enter it again');
      const { bytes, id } = load(false);
      if (match[1] !== id) {
        throw new SecretCipherError(`A saved secret was sealed with another key than ${keyPath} (was the key file replaced?): enter it again`);
      }
      const raw = Buffer.from(match[2]!, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretCipherError('A saved secret is truncated: enter it again');
      const decipher = createDecipheriv('aes-256-gcm', bytes, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(`${SEALED_VERSION}:${id}`));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretCipherError('A saved secret was altered (it fails its integrity check): enter it again');
      }
    },
  };
}
