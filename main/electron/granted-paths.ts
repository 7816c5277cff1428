/**
 * The Electron shell's policy for `imports.start` (CoreOptions.importSources): the renderer may
 * only import files the user chose in an open dialog or dropped on the window. Such paths are
 * granted here by the main process — from the native dialog's result (menu "Import events…"),
 * or from the preload's grant channel (see preload/index.ts for why that one can be trusted) —
 * and every other name is refused, so a compromised page cannot make the app read
 * `~/.ssh/id_rsa` or any other file the user never handed over.
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { ApiError } from '../core/dispatcher';
import type { ImportSources } from '../core/types';

/** The longest path imports.start accepts (common/contract.ts). */
export const MAX_GRANTED_PATH_LENGTH = 4096;

export class GrantedPaths implements ImportSources {
  /** Normalized key → the path as granted (what the import reads). */
  private readonly granted = new Map<string, string>();

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  private key(path: string): string {
    const normalized = resolve(path);
    // Windows and (by default) macOS file systems ignore case: one file, one grant.
    return this.platform === 'win32' || this.platform === 'darwin' ? normalized.toLowerCase() : normalized;
  }

  /** Grants absolute paths for the rest of the session; returns them normalized. */
  grant(paths: readonly string[]): string[] {
    for (const path of paths) {
      if (typeof path !== 'string' || path.length === 0 || path.length > MAX_GRANTED_PATH_LENGTH || path.includes('\0') || !isAbsolute(path)) {
        throw new ApiError('invalid_input', 'Only absolute paths of chosen files can be imported');
      }
    }
    return paths.map((path) => {
      const normalized = resolve(path);
      this.granted.set(this.key(normalized), normalized);
      return normalized;
    });
  }

  /** Withdraws a grant (an export path is good for one export). */
  revoke(path: string): void {
    if (typeof path === 'string' && isAbsolute(path)) this.granted.delete(this.key(path));
  }

  has(path: string): boolean {
    return typeof path === 'string' && isAbsolute(path) && this.granted.has(this.key(path));
  }

  resolve(name: string): string {
    const granted = typeof name === 'string' && isAbsolute(name) ? this.granted.get(this.key(name)) : undefined;
    if (granted === undefined) {
      // The name came from the page: quote only its file name, escaped and cut short.
      const shown = JSON.stringify(basename(String(name)).slice(0, 80));
      throw new ApiError(
        'forbidden',
        `${shown} was not chosen for import: choose it with Import events… or drop it on the window`,
      );
    }
    return granted;
  }

  display(path: string): string {
    return path;
  }

  /** A folder feed may watch only a folder chosen in the folder dialog (`chooseFolder`). */
  watchFolder(path: string): string {
    const granted = typeof path === 'string' && isAbsolute(path) ? this.granted.get(this.key(path)) : undefined;
    if (granted === undefined) {
      throw new ApiError('forbidden', `${JSON.stringify(basename(String(path)).slice(0, 80))} was not chosen: choose the folder to watch with Browse…`);
    }
    return granted;
  }
}
