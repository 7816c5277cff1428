/** The main window: sandboxed renderer, context isolation, the preload bridge only. */
import { BrowserWindow } from 'electron';
import { APP_NAME } from '../../common/app';
import { PRELOAD_PATH, devServerUrl } from './paths';
import { APP_ENTRY_URL } from './protocol';
import { loadWindowState, trackWindowState } from './window-state';

export function createMainWindow({ development }: { development: boolean }): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    title: APP_NAME,
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash while the renderer loads
    webPreferences: {
      preload: PRELOAD_PATH,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Production builds have no DevTools at all (dev-tools.ts also swallows the shortcuts).
      devTools: development,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win);
  win.once('ready-to-show', () => win.show());
  // A renderer that fails to load would otherwise leave an invisible window behind.
  win.webContents.once('did-fail-load', () => win.show());

  void win.loadURL(devServerUrl() ?? APP_ENTRY_URL);
  return win;
}
