/**
 * Electron entry: app lifecycle, the core, the main window and the IPC host. Everything that
 * touches data lives in main/core; this file only wires Electron to it.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import { APP_NAME } from '../common/app';
import { createCore } from './core/core';
import type { Core } from './core/types';
import { isDevelopmentBuild } from './electron/dev-tools';
import { GrantedExportPaths } from './electron/export-paths';
import { openExternalSafely } from './electron/external-links';
import { GrantedPaths } from './electron/granted-paths';
import { registerIpc } from './electron/ipc';
import { buildMenu } from './electron/menu';
import { dbPath, nativeBindingPath, RENDERER_DIR } from './electron/paths';
import { handleAppProtocol, registerAppScheme } from './electron/protocol';
import { createSafeStorageCipher } from './electron/safe-storage-cipher';
import { hardenAllWebContents, hardenSession } from './electron/security';
import { createMainWindow } from './electron/window';

// Fix the profile folder before anything reads it: the CLI opens the same profiles.db there.
app.setName(APP_NAME);
app.setPath('userData', join(app.getPath('appData'), APP_NAME));
app.enableSandbox();
// Before ready: the renderer is served from app://profile-desk (protocol.ts), not file://.
registerAppScheme();

const development = isDevelopmentBuild();
/** Files the user chose or dropped: the only ones the renderer's imports.start may read. */
const grantedPaths = new GrantedPaths();
/** Paths chosen in the save dialog: the only ones exports.start may write, once each. */
const exportPaths = new GrantedExportPaths();

let core: Core | null = null;
let unregisterIpc: (() => void) | null = null;

function openCore(): Core | null {
  try {
    return createCore({
      dbPath: dbPath(),
      nativeBinding: nativeBindingPath(),
      importSources: grantedPaths,
      exportTargets: exportPaths,
      // Connection secrets sealed by the OS keychain, never by a key file beside the store.
      secrets: createSafeStorageCipher(),
      // Snowflake SSO opens the account's login page in the user's browser, through the link policy.
      openBrowser: (url) => void openExternalSafely(url),
      scheduleSyncs: true,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = /NODE_MODULE_VERSION|better_sqlite3|was compiled against/.test(message)
      ? '\n\nbetter-sqlite3 is not built for Electron: run `node scripts/electron-native.mjs`.'
      : '';
    dialog.showErrorBox(`${APP_NAME} cannot open its database`, `${dbPath()}\n\n${message}${hint}`);
    return null;
  }
}

function focusOrCreateWindow(): void {
  const [win] = BrowserWindow.getAllWindows();
  if (!win) {
    createMainWindow({ development });
    return;
  }
  if (win.isMinimized()) win.restore();
  win.focus();
}

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one store would fight over it: hand over to the running one.
  app.quit();
} else {
  hardenAllWebContents({ development });
  app.on('second-instance', focusOrCreateWindow);

  void app.whenReady().then(() => {
    core = openCore();
    if (!core) {
      app.quit();
      return;
    }
    hardenSession(session.defaultSession);
    handleAppProtocol(session.defaultSession, RENDERER_DIR);
    unregisterIpc = registerIpc(core, grantedPaths, exportPaths);
    Menu.setApplicationMenu(buildMenu({ core, grantedPaths, development }));
    createMainWindow({ development });
    app.on('activate', focusOrCreateWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the core (stops running jobs, closes SQLite) before the process goes away.
  app.on('before-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    unregisterIpc?.();
    void closing.close().finally(() => app.quit());
  });
}
