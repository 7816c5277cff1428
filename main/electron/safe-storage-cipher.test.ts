/** The app's secret cipher over a fake safeStorage: sealing, the refusals and their reasons. */
import { describe, expect, it, vi } from 'vitest';

// The module imports electron's safeStorage as its default; there is no Electron binary here.
vi.mock('electron', () => ({ safeStorage: {}, default: { safeStorage: {} } }));

const { createSafeStorageCipher, SafeStorageUnavailable, unavailableReason } = await import('./safe-storage-cipher');

/** A keychain that XORs with a per-"user" byte and checks a trailer, as an opaque OS would. */
function fakeStorage(options: { available?: boolean; backend?: string; user?: number } = {}) {
  const user = options.user ?? 7;
  return {
    available: options.available ?? true,
    isEncryptionAvailable(): boolean {
      return this.available;
    },
    encryptString: vi.fn((plain: string) => Buffer.from([...Buffer.from(`${plain}\u0000ok`, 'utf8')].map((b) => b ^ user))),
    decryptString: vi.fn((encrypted: Buffer) => {
      const text = Buffer.from([...encrypted].map((b) => b ^ user)).toString('utf8');
      if (!text.endsWith('\u0000ok')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(0, -3);
    }),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

describe('safeStorage cipher', () => {
  it('round-trips through safeStorage, versioned, without the plain text', () => {
    const storage = fakeStorage();
    const cipher = createSafeStorageCipher(storage, 'linux');
    const sealed = cipher.encrypt('hunter2');
    expect(sealed).toMatch(/^ss1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed.slice(4), 'base64')).toEqual(storage.encryptString.mock.results[0]!.value);
    expect(cipher.decrypt(sealed)).toBe('hunter2');
  });

  it('refuses to save secrets without encryption, and says why', () => {
    const storage = fakeStorage({ available: false });
    const cipher = createSafeStorageCipher(storage, 'darwin');
    expect(() => cipher.encrypt('x')).toThrow(SafeStorageUnavailable);
    expect(() => cipher.encrypt('x')).toThrow('Passwords and tokens cannot be saved: the system keychain is not available to encrypt them');
    expect(storage.encryptString).not.toHaveBeenCalled();
    expect(() => createSafeStorageCipher(storage, 'linux').encrypt('x')).toThrow(/no system keyring \(GNOME Keyring, KWallet\)/);
  });

  it('treats Linux’s basic_text fallback (a key hard-coded in Chromium) as no encryption', () => {
    const storage = fakeStorage({ backend: 'basic_text' });
    expect(unavailableReason(storage, 'linux')).toMatch(/readable by anyone who copies the store/);
    expect(() => createSafeStorageCipher(storage, 'linux').encrypt('x')).toThrow(/cannot be saved/);
    // Only Linux has that backend.
    expect(unavailableReason(storage, 'darwin')).toBeNull();
  });

  it('cannot read secrets while the keychain is unavailable', () => {
    const storage = fakeStorage();
    const cipher = createSafeStorageCipher(storage, 'win32');
    const sealed = cipher.encrypt('x');
    storage.available = false;
    expect(() => cipher.decrypt(sealed)).toThrow(/cannot be read: the system keychain is not available/);
  });

  it('explains foreign, altered and unknown sealed strings', () => {
    const cipher = createSafeStorageCipher(fakeStorage({ user: 7 }), 'darwin');
    const other = createSafeStorageCipher(fakeStorage({ user: 9 }), 'darwin');
    expect(() => cipher.decrypt(other.encrypt('x'))).toThrow(/cannot be decrypted by this system keychain/);
    expect(() => cipher.decrypt('pd1:0123456789abcdef:AAAA')).toThrow(/sealed by the command line or the browser host/);
    expect(() => cipher.decrypt('hunter2')).toThrow(/not in a format/);
  });
});
