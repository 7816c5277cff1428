/**
 * Hardening that applies to every web contents and to the default session: only our renderer
 * (app://profile-desk, or the dev server in development) may talk to the core, nothing navigates
 * away or opens windows, links out go through openExternalSafely, no permission is granted, and
 * production builds keep DevTools shut.
 */
import { app, type Session, type WebContents, type WebFrameMain } from 'electron';
import { CSP, DEV_CSP } from '../../common/csp';
import { lockDevTools } from './dev-tools';
import { openExternalSafely } from './external-links';
import { devServerUrl } from './paths';
import { APP_HOST, APP_SCHEME } from './protocol';

/** True for a page of our renderer: any file of the app:// origin, or the dev server in development. */
export function isRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    const dev = devServerUrl();
    if (dev) return parsed.origin === new URL(dev).origin;
    // Compared by parts: Node gives non-special schemes an opaque origin ("null").
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password && !parsed.port;
  } catch {
    return false;
  }
}

/** The IPC sender check: the top frame of our renderer, never an iframe or another page. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isRendererUrl(frame.url);
}

/** Web contents that enforce a navigation policy of their own: the Salesforce sign-in window (oauth-window.ts). */
const selfPoliced = new WeakSet<WebContents>();

/**
 * Lets a window that is not the renderer browse under its own rules (the sign-in window follows
 * the login pages and catches the OAuth redirect): the app-wide block below would send each of
 * its navigations to the user's browser instead.
 */
export function policesItsOwnNavigation(contents: WebContents): void {
  selfPoliced.add(contents);
}

/** Applies to windows created later too, including any a bug might open. */
export function hardenAllWebContents({ development }: { development: boolean }): void {
  app.on('web-contents-created', (_event, contents) => {
    if (!development) lockDevTools(contents);
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e, url) => {
      if (selfPoliced.has(contents)) return;
      if (isRendererUrl(url) && url.split('#')[0] === contents.getURL().split('#')[0]) return;
      e.preventDefault();
      void openExternalSafely(url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // app:// responses carry the CSP from the protocol handler; this also covers the dev server.
  const csp = devServerUrl() ? DEV_CSP : CSP;
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isRendererUrl(details.url)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
