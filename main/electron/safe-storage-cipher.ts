/**
 * The desktop app's secret cipher (main/core/secrets/secrets.ts): Electron `safeStorage`, which
 * seals with a key the OS keeps for the user (macOS Keychain, Windows DPAPI, the Linux keyring).
 * Sealed format: `ss1:<base64 of safeStorage's bytes>`.
 *
 * Secrets are refused, with the reason, when safeStorage cannot really encrypt: before the app
 * is ready, without a keychain, and on Linux when no keyring was found, where Chromium falls
 * back to `basic_text` — a key hard-coded in Chromium itself, i.e. no protection at all.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/secrets';

export const SAFE_STORAGE_VERSION = 'ss1';

/** The part of Electron's safeStorage this cipher uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export class SafeStorageUnavailable extends Error {
  override name = 'SafeStorageUnavailable';
}

/** Why secrets cannot be sealed here, or null when they can. */
export function unavailableReason(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  if (!storage.isEncryptionAvailable()) {
    return platform === 'linux'
      ? 'no system keyring (GNOME Keyring, KWallet) is available to encrypt them'
      : 'the system keychain is not available to encrypt them';
  }
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no system keyring (GNOME Keyring, KWallet) was found, and the fallback would keep them readable by anyone who copies the store';
  }
  return null;
}

// The synchronous safeStorage calls are deprecated in favour of async ones, but the core's
// SecretCipher is synchronous (it seals inside store transactions); they remain supported.
export function createSafeStorageCipher(storage: SafeStorageLike = safeStorage, platform: NodeJS.Platform = process.platform): SecretCipher {
  const refuse = (what: string): never => {
    throw new SafeStorageUnavailable(`Passwords and tokens cannot be ${what}: ${unavailableReason(storage, platform)}`);
  };
  return {
    encrypt(plain: string): string {
      if (unavailableReason(storage, platform) !== null) refuse('saved');
      return `${SAFE_STORAGE_VERSION}:${storage.encryptString(plain).toString('base64')}`;
    },
    decrypt(sealed: string): string {
      if (sealed.startsWith('pd1:')) {
        throw new Error('A saved secret was sealed by the command line or the browser host with their key file, which the app does not use: enter it again in the app');
      }
      const match = /^ss1:([A-Za-z0-9+/]+={0,2})$/.exec(sealed);
      if (!match) throw new Error('A saved secret is not in a format this version can read: enter it again');
      if (unavailableReason(storage, platform) !== null) refuse('read');
      try {
        return storage.decryptString(Buffer.from(match[1]!, 'base64'));
      } catch {
        throw new Error('A saved secret cannot be decrypted by this system keychain (saved by another user or computer, or altered): enter it again');
      }
    },
  };
}
