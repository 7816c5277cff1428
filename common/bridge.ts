/**
 * How the renderer reaches the core. In Electron the preload exposes `window.profileDesk`
 * (contextBridge); in a browser the renderer speaks the HTTP protocol below to `profile-desk serve`.
 */
import type { ConnectionInfo } from './attributes';
import type { EventMessage } from './contract';
import type { Result } from './types';

export interface ProfileDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  /**
   * Grants dropped or picked files for import and returns their host paths, which
   * `imports.start` then accepts. Rejects a File that has no path on this computer.
   */
  grantFiles(files: File[]): Promise<string[]>;
  /**
   * Shows the save dialog for an export; resolves with the chosen path, which `exports.start`
   * then accepts as its target once, or null when the user cancels.
   */
  chooseExportPath(defaultName: string): Promise<string | null>;
  /**
   * Signs the Salesforce connection `name` in with OAuth in an app window; resolves with the
   * connection once its tokens are saved, or null when the user closed the window; rejects with
   * the reason when the sign-in failed.
   */
  signInSalesforce(name: string): Promise<ConnectionInfo | null>;
  /**
   * Shows the folder dialog for a watched-folder feed; resolves with the chosen folder, which
   * `feeds.save` then accepts, or null when the user cancels.
   */
  chooseFolder(): Promise<string | null>;
}

/** The IPC channels the preload uses: calls, events, and granting chosen files (preload/index.ts). */
export const IPC_INVOKE = 'profile-desk:invoke';
export const IPC_EVENT = 'profile-desk:event';
export const IPC_GRANT_FILES = 'profile-desk:grant-files';
export const IPC_CHOOSE_EXPORT_PATH = 'profile-desk:choose-export-path';
export const IPC_SIGN_IN_SALESFORCE = 'profile-desk:sign-in-salesforce';
export const IPC_CHOOSE_FOLDER = 'profile-desk:choose-folder';

/**
 * The browser host's HTTP protocol (127.0.0.1 only):
 * - `POST /api/<method>` with JSON input and header TOKEN_HEADER → a Result envelope, with
 *   status 200, or 400 (invalid_input, bad_query), 404 (unknown_method), 500 (internal);
 *   401 without the right token; 408 when the body is not received within 30 s.
 * - `GET /api/events?token=…` → server-sent events, each `data: <EventMessage JSON>`.
 * - `POST /api/upload?name=<file name>` with the raw file bytes and TOKEN_HEADER →
 *   Result `{ uploadId }`; 413 over the size limit (`serve --max-upload`), 429 when too many
 *   uploads wait for an import. Upload ids are the only paths `imports.start` accepts there.
 * - `GET /api/download/<id>?token=…` → an export's CSV as an attachment, once (`exports.start`
 *   takes only the target `download` or `download:NAME.csv` there; the id is in its summary).
 * - `GET /oauth/start?name=<connection>&token=…` → 302 to the Salesforce login page (OAuth with
 *   PKCE); the login page comes back to `GET /oauth/callback?code&state` (no token: the state is
 *   the flow's secret), which saves the tokens and answers a page saying so.
 * - Everything else: the built renderer. The URL printed at start is
 *   `http://127.0.0.1:PORT/#token=<token>`; the renderer reads the token from the hash.
 */
export const TOKEN_HEADER = 'x-profile-desk-token';
export const API_PREFIX = '/api/';
