/**
 * The Electron host of the API: one invoke channel into the core's dispatcher and one event
 * channel out of it (common/bridge.ts). Only our renderer's top frame may call.
 */
import { BrowserWindow, ipcMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../common/bridge';
import type { Result } from '../../common/types';
import type { Core } from '../core/types';
import { isTrustedFrame } from './security';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not call Profile Desk' },
};

/** Returns the function that unregisters everything (on quit). */
export function registerIpc(core: Core): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, input: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN;
    // The dispatcher checks the method name against the contract and validates the input.
    return core.dispatch(typeof method === 'string' ? method : String(method), input);
  });

  const unsubscribe = core.events.subscribe((message) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed() || !isTrustedFrame(win.webContents.mainFrame)) continue;
      win.webContents.send(IPC_EVENT, message);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
