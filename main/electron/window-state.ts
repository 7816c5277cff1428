/**
 * Remembers the main window's bounds and maximized state in userData/window-state.json, so the
 * app reopens where the analyst left it — unless that place is on a screen that is gone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT: WindowState = { width: 1400, height: 900, maximized: false };
const stateFile = (): string => join(app.getPath('userData'), 'window-state.json');

function visibleOnSomeDisplay(b: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) =>
    b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y,
  );
}

export function loadWindowState(): WindowState {
  try {
    const raw = JSON.parse(readFileSync(stateFile(), 'utf8')) as Partial<WindowState>;
    const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    if (!num(raw.width) || !num(raw.height)) return DEFAULT;
    const state: WindowState = {
      width: Math.max(600, Math.round(raw.width)),
      height: Math.max(400, Math.round(raw.height)),
      maximized: raw.maximized === true,
    };
    if (num(raw.x) && num(raw.y)) {
      const bounds = { x: Math.round(raw.x), y: Math.round(raw.y), width: state.width, height: state.height };
      if (visibleOnSomeDisplay(bounds)) Object.assign(state, { x: bounds.x, y: bounds.y });
    }
    return state;
  } catch {
    return DEFAULT; // first launch, or an unreadable file: not worth bothering the analyst
  }
}

/** Saves on close, and shortly after moves and resizes in case the app is killed. */
export function trackWindowState(win: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    // getNormalBounds: the size to restore to, even while maximized.
    const bounds = win.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: win.isMaximized() };
    try {
      writeFileSync(stateFile(), JSON.stringify(state));
    } catch {
      // a read-only profile folder must not break closing the window
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
