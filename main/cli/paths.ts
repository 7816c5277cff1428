/**
 * Where the CLI finds the database by default: the same file the desktop app uses, i.e.
 * Electron's `userData` folder for the app name "Profile Desk", so both see the same profiles.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME, STORE_FILE_NAME } from '../../common/app';

/** Electron's `appData` folder, computed the way Electron does without loading it. */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

export function defaultDbPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (env.PROFILE_DESK_DB) return env.PROFILE_DESK_DB;
  return join(appDataDir(platform, env, home), APP_NAME, STORE_FILE_NAME);
}
