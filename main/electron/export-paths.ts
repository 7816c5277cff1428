/**
 * The Electron shell's policy for `exports.start` (CoreOptions.exportTargets): the renderer may
 * only write where the user pointed the save dialog (IPC_CHOOSE_EXPORT_PATH). Each choice is
 * good for one export, so a compromised page cannot keep overwriting a file it was once given,
 * let alone pick one of its own (`~/.bashrc`).
 */
import { basename } from 'node:path';
import { ApiError } from '../core/dispatcher';
import type { ExportTargets } from '../core/types';
import { GrantedPaths } from './granted-paths';

export class GrantedExportPaths implements ExportTargets {
  private readonly paths: GrantedPaths;

  constructor(platform: NodeJS.Platform = process.platform) {
    this.paths = new GrantedPaths(platform);
  }

  /** Grants the path the save dialog returned; returns it normalized. */
  grant(path: string): string {
    return this.paths.grant([path])[0]!;
  }

  open(target: string): { path: string; display: string } {
    if (!this.paths.has(target)) {
      const shown = JSON.stringify(basename(String(target)).slice(0, 80));
      throw new ApiError('forbidden', `${shown} was not chosen in the save dialog: export with Export CSV…`);
    }
    const path = this.paths.resolve(target);
    // One export per choice: the grant is used up as the export starts.
    this.paths.revoke(path);
    return { path, display: basename(path) };
  }
}

/** The file name the save dialog proposes: a name only, ending in .csv. */
export function defaultExportName(raw: unknown): string {
  const name = [...basename(String(raw ?? '').replace(/\\/g, '/'))]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(0, 200)
    .trim();
  if (name === '' || name === '.' || name === '..') return 'export.csv';
  return /\.csv$/i.test(name) ? name : `${name}.csv`;
}
