/**
 * The preload bridge: `window.profileDesk` (common/bridge.ts). It forwards calls on one channel
 * and events on another, and never hands ipcRenderer itself to the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ConnectionInfo } from '../common/attributes';
import {
  IPC_CHOOSE_EXPORT_PATH,
  IPC_CHOOSE_FOLDER,
  IPC_EVENT,
  IPC_GRANT_FILES,
  IPC_INVOKE,
  IPC_SIGN_IN_SALESFORCE,
  type ProfileDeskBridge,
} from '../common/bridge';
import type { EventMessage } from '../common/contract';
import type { Result } from '../common/types';

type Listener = (message: EventMessage) => void;
const listeners = new Set<Listener>();

// One IPC listener for all subscribers, so unsubscribing never leaves a stray listener behind.
ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, message: EventMessage) => {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch (err) {
      console.error('profileDesk event listener failed', err);
    }
  }
});

/**
 * Grants dropped or picked files for import (main/electron/granted-paths.ts). The paths are
 * computed here, in the preload, never taken from the page: webUtils.getPathForFile only knows
 * Files the browser got from the user's disk — a drop or an <input type=file> choice — and
 * returns '' for any File a script builds (`new File([], '/etc/passwd')`). So even a compromised
 * page can only grant files the user handed it, and the page has no other way to send on
 * IPC_GRANT_FILES (no ipcRenderer in the main world). The main process still checks the sender
 * frame and the shape of what arrives.
 */
async function grantFiles(files: File[]): Promise<string[]> {
  const paths = Array.from(files, (file) => {
    const path = webUtils.getPathForFile(file);
    if (!path) throw new Error(`${file.name} has no path on this computer`);
    return path;
  });
  const result = (await ipcRenderer.invoke(IPC_GRANT_FILES, paths)) as Result<string[]>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The main process shows the save dialog and grants the chosen path for one export. */
async function chooseExportPath(defaultName: string): Promise<string | null> {
  const result = (await ipcRenderer.invoke(IPC_CHOOSE_EXPORT_PATH, String(defaultName))) as Result<string | null>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The main process opens the Salesforce sign-in window; null when the user closed it. */
async function signInSalesforce(name: string): Promise<ConnectionInfo | null> {
  const result = (await ipcRenderer.invoke(IPC_SIGN_IN_SALESFORCE, String(name))) as Result<ConnectionInfo | null>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The main process shows the folder dialog and grants the chosen folder to a feed. */
async function chooseFolder(): Promise<string | null> {
  const result = (await ipcRenderer.invoke(IPC_CHOOSE_FOLDER)) as Result<string | null>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const bridge: ProfileDeskBridge = {
  invoke: (method: string, input: unknown) =>
    ipcRenderer.invoke(IPC_INVOKE, String(method), input) as Promise<Result<unknown>>,
  onEvent(listener) {
    // Wrap, so the page cannot remove someone else's listener by passing the same function.
    const wrapped: Listener = (message) => listener(message);
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  },
  grantFiles,
  chooseExportPath,
  signInSalesforce,
  chooseFolder,
};

contextBridge.exposeInMainWorld('profileDesk', bridge);
