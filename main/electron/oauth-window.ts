/**
 * Salesforce sign-in in an app window (OAuth 2.0 web-server flow with PKCE; the core makes the
 * authorize URL and the verifier in `connections.oauthStart`, and trades the code for tokens in
 * `connections.oauthFinish`). The window is a plain sandboxed browser: no preload, no Node, its
 * own in-memory session, so the login page can reach nothing of the app. Its redirect to the
 * fixed loopback callback the connected app registers (OAUTH_REDIRECT_URI) is caught before it
 * leaves: nothing listens on that port, the code never travels further than this process.
 */
import { BrowserWindow, session as electronSession } from 'electron';
import type { ConnectionInfo } from '../../common/attributes';
import type { Result } from '../../common/types';
import type { Dispatch } from '../core/dispatcher';
import { openExternalSafely } from './external-links';
import { policesItsOwnNavigation } from './security';

/** The callback URL to register in the Salesforce connected app (the Salesforce CLI's own). */
export const OAUTH_REDIRECT_URI = 'http://localhost:1717/OauthRedirect';
/** In memory (no `persist:`): a sign-in leaves no Salesforce cookies on disk. */
export const OAUTH_PARTITION = 'profile-desk-oauth';

/** What the login page sent back on the redirect URI. */
export type OAuthCallback = { code: string; state: string } | { error: string; state: string | null };

/** The callback in a URL the window is about to load, or null when the URL is not the redirect URI. */
export function readOAuthCallback(url: string, redirectUri: string = OAUTH_REDIRECT_URI): OAuthCallback | null {
  let parsed: URL;
  let expected: URL;
  try {
    parsed = new URL(url);
    expected = new URL(redirectUri);
  } catch {
    return null;
  }
  if (parsed.origin !== expected.origin || parsed.pathname !== expected.pathname) return null;
  const q = parsed.searchParams;
  const state = q.get('state');
  const error = q.get('error');
  if (error !== null) return { error: q.get('error_description') || error, state };
  const code = q.get('code');
  if (code === null || state === null) return { error: 'the login page came back without a code', state };
  return { code, state };
}

const failed = (code: 'auth_failed' | 'cancelled', message: string): Result<never> => ({ ok: false, error: { code, message } });

export interface SignInOptions {
  /** The app window the sign-in belongs to. */
  parent?: BrowserWindow | null;
  redirectUri?: string;
}

/** The sign-in window open now, if any: a second sign-in replaces it. */
let current: BrowserWindow | null = null;

/**
 * Opens the login page for connection `name`, waits for its redirect, and finishes the flow
 * through the dispatcher. Resolves with oauthFinish's result, or an error Result when the page
 * refused, the user closed the window, or the page could not load.
 */
export async function signInSalesforce(dispatch: Dispatch, name: string, options: SignInOptions = {}): Promise<Result<ConnectionInfo>> {
  const redirectUri = options.redirectUri ?? OAUTH_REDIRECT_URI;
  const started = await dispatch('connections.oauthStart', { name, redirectUri });
  if (!started.ok) return started;
  const { url, state } = started.value as { url: string; state: string };
  const loginOrigin = new URL(url).origin;

  if (current && !current.isDestroyed()) current.close();
  const ses = electronSession.fromPartition(OAUTH_PARTITION);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // A fresh login each time: the analyst may sign in as another Salesforce user.
  await ses.clearStorageData();

  const win = new BrowserWindow({
    parent: options.parent ?? undefined,
    width: 520,
    height: 720,
    title: 'Sign in to Salesforce',
    autoHideMenuBar: true,
    webPreferences: {
      partition: OAUTH_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  });
  current = win;
  const contents = win.webContents;
  policesItsOwnNavigation(contents);

  return new Promise<Result<ConnectionInfo>>((resolve) => {
    let done = false;
    const finish = (result: Result<ConnectionInfo> | Promise<Result<ConnectionInfo>>): void => {
      if (done) return;
      done = true;
      void Promise.resolve(result).then((r) => {
        if (!win.isDestroyed()) win.close();
        resolve(r);
      });
    };
    const onCallback = (callback: OAuthCallback): void => {
      if (callback.state !== state) return finish(failed('auth_failed', 'The Salesforce login page answered for another sign-in: try again'));
      if ('error' in callback) return finish(failed('auth_failed', `Salesforce refused the sign-in: ${callback.error}`));
      finish(dispatch('connections.oauthFinish', { state: callback.state, code: callback.code }) as Promise<Result<ConnectionInfo>>);
    };
    const guard = (event: { preventDefault(): void }, target: string): void => {
      const callback = readOAuthCallback(target, redirectUri);
      if (callback) {
        event.preventDefault();
        onCallback(callback);
      } else if (!allowedInLoginWindow(target, loginOrigin)) {
        event.preventDefault();
      }
    };
    contents.on('will-navigate', (event, target) => guard(event, target));
    contents.on('will-redirect', (event, target) => guard(event, target));
    contents.on('did-fail-load', (_event, errorCode, description, _url, isMainFrame) => {
      // -3 (ABORTED) is our own preventDefault on the redirect.
      if (isMainFrame && errorCode !== -3) finish(failed('auth_failed', `The Salesforce login page did not load (${description})`));
    });
    contents.setWindowOpenHandler(({ url: target }) => {
      // "Forgot your password?" and help links go to the user's browser, after the usual check.
      void openExternalSafely(target, { parent: win });
      return { action: 'deny' };
    });
    win.on('closed', () => {
      if (current === win) current = null;
      finish(failed('cancelled', 'Salesforce sign-in cancelled: the window was closed'));
    });
    void win.loadURL(url).catch(() => {
      // did-fail-load says why; a redirect we stopped also rejects here.
    });
  });
}

/**
 * Where the login page may go: any https page (My Domain, the org's single sign-on provider),
 * and plain http only on the login URL's own origin (a test server on 127.0.0.1).
 */
export function allowedInLoginWindow(target: string, loginOrigin: string): boolean {
  try {
    const parsed = new URL(target);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.origin === loginOrigin);
  } catch {
    return false;
  }
}
