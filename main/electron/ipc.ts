/**
 * The Electron host of the API: one invoke channel into the core's dispatcher, one event channel
 * out of it, the grant channel for dropped or picked files, the save dialog that grants an
 * export's path, and the Salesforce sign-in window (common/bridge.ts). Only our renderer's top
 * frame may call.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { z } from 'zod';
import { IPC_CHOOSE_EXPORT_PATH, IPC_CHOOSE_FOLDER, IPC_EVENT, IPC_GRANT_FILES, IPC_INVOKE, IPC_SIGN_IN_SALESFORCE } from '../../common/bridge';
import { MAX_IMPORT_PATHS } from '../../common/contract';
import type { Result } from '../../common/types';
import { ApiError } from '../core/dispatcher';
import type { Core } from '../core/types';
import { defaultExportName, type GrantedExportPaths } from './export-paths';
import type { GrantedPaths } from './granted-paths';
import { signInSalesforce } from './oauth-window';
import { isTrustedFrame } from './security';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not call Profile Desk' },
};

const grantInput = z.array(z.string()).min(1).max(MAX_IMPORT_PATHS);

/**
 * Only the preload sends on this channel, with paths it computed itself from File objects
 * (webUtils.getPathForFile); see preload/index.ts for why that makes them the user's choice.
 */
function grantFiles(grantedPaths: GrantedPaths, input: unknown): Result<string[]> {
  const parsed = grantInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: `Choose between 1 and ${MAX_IMPORT_PATHS} files` } };
  try {
    return { ok: true, value: grantedPaths.grant(parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toData() };
    throw err;
  }
}

/**
 * The save dialog for an export. The path comes from the native dialog, never from the page,
 * so granting it lets the page write only where the user said.
 */
async function chooseExportPath(event: IpcMainInvokeEvent, exportPaths: GrantedExportPaths, name: unknown): Promise<Result<string | null>> {
  const win = BrowserWindow.fromWebContents(event.sender);
  const options = {
    title: 'Export CSV',
    defaultPath: join(app.getPath('downloads'), defaultExportName(name)),
    filters: [{ name: 'CSV', extensions: ['csv'] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { ok: true, value: null };
  return { ok: true, value: exportPaths.grant(chosen.filePath) };
}

/** The folder dialog for a watched-folder feed: the path comes from the dialog, never the page. */
async function chooseFolder(event: IpcMainInvokeEvent, grantedPaths: GrantedPaths): Promise<Result<string | null>> {
  const win = BrowserWindow.fromWebContents(event.sender);
  const options = { title: 'Folder to watch for event files', properties: ['openDirectory' as const, 'createDirectory' as const] };
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const folder = chosen.filePaths[0];
  if (chosen.canceled || !folder) return { ok: true, value: null };
  return { ok: true, value: grantedPaths.grant([folder])[0]! };
}

const connectionName = z.string().trim().min(1).max(200);

/**
 * Salesforce OAuth in a sign-in window (oauth-window.ts); null when the user closed it, so the
 * page can tell a cancel from a failure.
 */
async function signIn(event: IpcMainInvokeEvent, core: Core, name: unknown): Promise<Result<unknown>> {
  const parsed = connectionName.safeParse(name);
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'Name the Salesforce connection to sign in' } };
  const result = await signInSalesforce(core.dispatch, parsed.data, { parent: BrowserWindow.fromWebContents(event.sender) });
  if (!result.ok && result.error.code === 'cancelled') return { ok: true, value: null };
  return result;
}

/** Returns the function that unregisters everything (on quit). */
export function registerIpc(core: Core, grantedPaths: GrantedPaths, exportPaths: GrantedExportPaths): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, input: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    // The dispatcher checks the method name against the contract and validates the input.
    return core.dispatch(typeof method === 'string' ? method : String(method), input);
  });

  ipcMain.handle(IPC_GRANT_FILES, (event, paths: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    return grantFiles(grantedPaths, paths);
  });

  ipcMain.handle(IPC_CHOOSE_EXPORT_PATH, (event, name: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    return chooseExportPath(event, exportPaths, name);
  });

  ipcMain.handle(IPC_CHOOSE_FOLDER, (event) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    return chooseFolder(event, grantedPaths);
  });

  ipcMain.handle(IPC_SIGN_IN_SALESFORCE, (event, name: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    return signIn(event, core, name);
  });

  const unsubscribe = core.events.subscribe((message) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed() || !isTrustedFrame(win.webContents.mainFrame)) continue;
      win.webContents.send(IPC_EVENT, message);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    ipcMain.removeHandler(IPC_GRANT_FILES);
    ipcMain.removeHandler(IPC_CHOOSE_EXPORT_PATH);
    ipcMain.removeHandler(IPC_SIGN_IN_SALESFORCE);
    ipcMain.removeHandler(IPC_CHOOSE_FOLDER);
    unsubscribe();
  };
}
