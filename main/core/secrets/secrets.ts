/**
 * How the core keeps connection secrets (passwords, tokens, key passphrases) at rest
 * (ARCHITECTURE.md §10). The store holds only what `encrypt` returns; each host brings its own
 * cipher: Electron's safeStorage (the OS keychain), or for the CLI and the browser host a key
 * file readable only by the user (file-cipher.ts). Secrets never reach a client, a log or an
 * export; they are decrypted only to open a connector.
 */
export interface SecretCipher {
  /** Plain text → an opaque printable string safe to store. */
  encrypt(plain: string): string;
  /** The inverse; throws when the ciphertext was made with another key or was altered. */
  decrypt(sealed: string): string;
}
