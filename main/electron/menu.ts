/**
 * The native menus. Import goes through the same API call the renderer uses (imports.start),
 * after granting the chosen files (granted-paths.ts). Reload and DevTools only in development
 * builds (dev-tools.ts); links out through openExternalSafely.
 */
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from '../../common/app';
import pkg from '../../package.json';
import type { Core } from '../core/types';
import { docsHosts, openExternalSafely } from './external-links';
import type { GrantedPaths } from './granted-paths';

/** The project page, from package.json `homepage`; the Help item is hidden without one. */
const HOMEPAGE = (pkg as { homepage?: string }).homepage;

export interface MenuContext {
  core: Core;
  grantedPaths: GrantedPaths;
  /** Adds Reload, Force Reload and Toggle DevTools. */
  development: boolean;
  isMac?: boolean;
  homepage?: string;
}

async function importEvents({ core, grantedPaths }: MenuContext): Promise<void> {
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
  // The user chose these in a native dialog: they may be imported, now or when retried.
  const paths = grantedPaths.grant(filePaths);
  // Progress and the result reach the renderer as job events.
  const result = await core.dispatch('imports.start', { paths });
  if (!result.ok) dialog.showErrorBox('Import failed', result.error.message);
}

async function showAbout(homepage: string | undefined): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `${pkg.description}\n\nElectron ${process.versions.electron} · Node ${process.versions.node}`,
    buttons: homepage ? ['OK', 'Project page'] : ['OK'],
  });
  if (response === 1 && homepage) await openProjectPage(homepage);
}

/** The project page is one of the app's docs hosts by definition: no question asked. */
function openProjectPage(homepage: string): Promise<boolean> {
  return openExternalSafely(homepage, { trustedHosts: docsHosts({ homepage }) });
}

export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { development, isMac = process.platform === 'darwin', homepage = HOMEPAGE } = context;
  const developmentItems: MenuItemConstructorOptions[] = development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import events…', accelerator: 'CmdOrCtrl+O', click: () => void importEvents(context) },
        { label: 'Export…', enabled: false },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developmentItems,
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
        { label: `About ${APP_NAME}`, click: () => void showAbout(homepage) },
        ...(homepage
          ? [{ label: 'Project page', click: () => void openProjectPage(homepage) } as MenuItemConstructorOptions]
          : []),
      ],
    },
  ];
}

export function buildMenu(context: MenuContext): Menu {
  return Menu.buildFromTemplate(menuTemplate(context));
}
