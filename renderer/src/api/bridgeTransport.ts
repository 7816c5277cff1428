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
      // Electron's imports.start accepts only granted paths: the preload grants the file's own.
      const [path] = await bridge.grantFiles([file]);
      onProgress(file.size, file.size);
      return path!;
    },
  };
}
