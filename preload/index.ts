/**
 * The preload bridge: `window.profileDesk` (common/bridge.ts). It forwards calls on one channel
 * and events on another, and never hands ipcRenderer itself to the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type ProfileDeskBridge } from '../common/bridge';
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
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('profileDesk', bridge);
