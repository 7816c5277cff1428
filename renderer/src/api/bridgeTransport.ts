import type { ProfileDeskBridge } from '../../../common/bridge';
import type { Transport } from './transport';

/** The Electron transport: everything goes through the preload's tiny bridge. */
export function createBridgeTransport(bridge: ProfileDeskBridge): Transport {
  return {
    kind: 'electron',
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (listener) => bridge.onEvent(listener),
    // IPC has no connection to lose.
    onReconnect: () => () => {},
    async stageFile(file, onProgress) {
      const path = bridge.pathForFile(file);
      if (!path) throw new Error(`${file.name} has no path on this computer`);
      onProgress(file.size, file.size);
      return path;
    },
  };
}
