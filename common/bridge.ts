/**
 * How the renderer reaches the core. In Electron the preload exposes `window.profileDesk`
 * (contextBridge); in a browser the renderer speaks the HTTP protocol below to `profile-desk serve`.
 */
import type { EventMessage } from './contract';
import type { Result } from './types';

export interface ProfileDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** The host path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

/** The one IPC channel pair the preload uses. */
export const IPC_INVOKE = 'profile-desk:invoke';
export const IPC_EVENT = 'profile-desk:event';

/**
 * The browser host's HTTP protocol (127.0.0.1 only):
 * - `POST /api/<method>` with JSON input and header TOKEN_HEADER → 200 with a Result envelope;
 *   401 without the right token.
 * - `GET /api/events?token=…` → server-sent events, each `data: <EventMessage JSON>`.
 * - `POST /api/upload?name=<file name>` with the raw file bytes and TOKEN_HEADER →
 *   Result `{ uploadId }`; upload ids are accepted as paths by `imports.start`.
 * - Everything else: the built renderer. The URL printed at start is
 *   `http://127.0.0.1:PORT/#token=<token>`; the renderer reads the token from the hash.
 */
export const TOKEN_HEADER = 'x-profile-desk-token';
export const API_PREFIX = '/api/';
