/** The main window: sandboxed renderer, context isolation, the preload bridge only. */
import { BrowserWindow } from 'electron';
import { PRELOAD_PATH, RENDERER_HTML, devServerUrl, APP_NAME } from './paths';
import { loadWindowState, trackWindowState } from './window-state';

export function createMainWindow(): BrowserWindow {
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
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win);
  win.once('ready-to-show', () => win.show());
  // A renderer that fails to load would otherwise leave an invisible window behind.
  win.webContents.once('did-fail-load', () => win.show());

  const dev = devServerUrl();
  if (dev) void win.loadURL(dev);
  else void win.loadFile(RENDERER_HTML);
  return win;
}
