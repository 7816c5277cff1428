/**
 * DevTools, Reload and Force Reload exist only in development builds (`electron-vite dev`). In
 * the built app (`npm start`, installers) DevTools would let anyone at the keyboard — or a
 * social-engineering script ("paste this in the console") — drive the bridge with the analyst's
 * data, and a reload mid-import loses the page's view of its jobs.
 */
/// <reference types="vite/client" />
import { app, type Input, type WebContents } from 'electron';

/** electron-vite sets DEV only for `electron-vite dev`; a packaged app is never one. */
export function isDevelopmentBuild(): boolean {
  return import.meta.env.DEV === true && !app.isPackaged;
}

type Keys = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>;

/** Chromium's and Electron's default keys for reload and the developer tools. */
export function isDevToolsOrReloadShortcut(input: Keys): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f12') return true;
  const command = input.control || input.meta;
  if (!command) return false;
  if (key === 'r') return true; // reload; with Shift: force reload
  // Ctrl+Shift+I/J/C on Windows and Linux, Cmd+Alt+I/J/C on macOS: DevTools, console, inspector.
  return (input.shift || input.alt) && (key === 'i' || key === 'j' || key === 'c');
}

/** In production builds: swallow the shortcuts, and close DevTools should anything open them. */
export function lockDevTools(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsOrReloadShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
