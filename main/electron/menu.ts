/** The native menus. Import goes through the same API call the renderer uses (imports.start). */
import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import pkg from '../../package.json';
import type { Core } from '../core/types';
import { APP_NAME } from './paths';

/** The project page, from package.json `homepage`; the Help item is hidden without one. */
const HOMEPAGE = (pkg as { homepage?: string }).homepage;

async function importEvents(core: Core): Promise<void> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    title: 'Import RUM events',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'RUM events (JSON, NDJSON, gzip)', extensions: ['json', 'ndjson', 'jsonl', 'gz'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (canceled || filePaths.length === 0) return;
  // Progress and the result reach the renderer as job events.
  const result = await core.dispatch('imports.start', { paths: filePaths });
  if (!result.ok) dialog.showErrorBox('Import failed', result.error.message);
}

async function showAbout(): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `${pkg.description}\n\nElectron ${process.versions.electron} · Node ${process.versions.node}`,
    buttons: HOMEPAGE ? ['OK', 'Project page'] : ['OK'],
  });
  if (response === 1 && HOMEPAGE) void shell.openExternal(HOMEPAGE);
}

export function buildMenu(core: Core): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import events…', accelerator: 'CmdOrCtrl+O', click: () => void importEvents(core) },
        { label: 'Export…', enabled: false },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: `About ${APP_NAME}`, click: () => void showAbout() },
        ...(HOMEPAGE
          ? [{ label: 'Project page', click: () => void shell.openExternal(HOMEPAGE) } as MenuItemConstructorOptions]
          : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
