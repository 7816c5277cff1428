/**
 * The Electron host of the API: one invoke channel into the core's dispatcher, one event channel
 * out of it, and the grant channel for dropped or picked files (common/bridge.ts). Only our
 * renderer's top frame may call.
 */
import { BrowserWindow, ipcMain } from 'electron';
import { z } from 'zod';
import { IPC_EVENT, IPC_GRANT_FILES, IPC_INVOKE } from '../../common/bridge';
import { MAX_IMPORT_PATHS } from '../../common/contract';
import type { Result } from '../../common/types';
import { ApiError } from '../core/dispatcher';
import type { Core } from '../core/types';
import type { GrantedPaths } from './granted-paths';
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

/** Returns the function that unregisters everything (on quit). */
export function registerIpc(core: Core, grantedPaths: GrantedPaths): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, input: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    // The dispatcher checks the method name against the contract and validates the input.
    return core.dispatch(typeof method === 'string' ? method : String(method), input);
  });

  ipcMain.handle(IPC_GRANT_FILES, (event, paths: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    return grantFiles(grantedPaths, paths);
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
    unsubscribe();
  };
}
