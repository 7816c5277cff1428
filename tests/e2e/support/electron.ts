/**
 * Finds the Electron binary of the `electron` package without `require('electron')`: from
 * electron 42 on, requiring it starts a download of the binary when none is there, which must
 * not happen from a test run (and fails on machines without internet).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './host';

export const NO_ELECTRON = 'no Electron binary on this machine';

export function electronBinary(): string | null {
  const override = process.env.PROFILE_DESK_ELECTRON;
  if (override) return existsSync(override) ? override : null;
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const ELECTRON_MAIN = join(REPO_ROOT, 'out', 'main', 'index.js');
