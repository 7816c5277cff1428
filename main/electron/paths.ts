/**
 * Where the Electron shell finds its pieces. The main bundle is out/main/index.js; preload and
 * renderer are built beside it (out/preload, out/renderer).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { STORE_FILE_NAME } from '../../common/app';
import { isDevelopmentBuild } from './dev-tools';

const here = dirname(fileURLToPath(import.meta.url));

export const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
/** The built renderer, served as app://profile-desk/ (protocol.ts). */
export const RENDERER_DIR = resolve(here, '..', 'renderer');

/**
 * electron-vite dev sets this. Only a development build follows it: a built or packaged app
 * never loads (or trusts) a page from a server named in its environment.
 */
export function devServerUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  return isDevelopmentBuild() && url ? url : null;
}

/** The database shared with the CLI (which computes the same folder without Electron). */
export function dbPath(): string {
  return join(app.getPath('userData'), STORE_FILE_NAME);
}

/**
 * better-sqlite3 compiled for Electron's ABI by scripts/electron-native.mjs. Native modules
 * cannot be loaded from inside app.asar, so packaged builds read it from app.asar.unpacked.
 */
export function nativeBindingPath(): string | undefined {
  const path = join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node').replace(
    /app\.asar([\\/])/,
    'app.asar.unpacked$1',
  );
  return existsSync(path) ? path : undefined;
}
