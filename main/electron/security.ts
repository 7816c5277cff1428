/**
 * Hardening that applies to every web contents and to the default session: only our renderer
 * may talk to the core, nothing navigates away or opens windows, no permission is granted.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, shell, type Session, type WebFrameMain } from 'electron';
import { CSP, DEV_CSP } from '../../common/csp';
import { RENDERER_HTML, devServerUrl } from './paths';

/** True for our renderer's page: the built index.html, or the dev server in development. */
export function isRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    const dev = devServerUrl();
    if (dev) return parsed.origin === new URL(dev).origin;
    if (parsed.protocol !== 'file:') return false;
    const path = resolve(fileURLToPath(parsed));
    // Windows paths compare case-insensitively (drive letters especially).
    return process.platform === 'win32' ? path.toLowerCase() === RENDERER_HTML.toLowerCase() : path === RENDERER_HTML;
  } catch {
    return false;
  }
}

/** The IPC sender check: the top frame of our renderer, never an iframe or another page. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isRendererUrl(frame.url);
}

function openExternally(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

/** Applies to windows created later too, including any a bug might open. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e, url) => {
      if (isRendererUrl(url) && url.split('#')[0] === contents.getURL().split('#')[0]) return;
      e.preventDefault();
      openExternally(url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // index.html carries a CSP meta tag too; the header also covers the dev server's responses.
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
