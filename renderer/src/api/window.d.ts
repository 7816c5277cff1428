import type { ProfileDeskBridge } from '../../../common/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app (preload bridge). */
    profileDesk?: ProfileDeskBridge;
  }
}
