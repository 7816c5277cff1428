/** Production builds: no DevTools or reload shortcuts, DevTools closed if anything opens them. */
import { describe, expect, it, vi } from 'vitest';

const fakeApp = vi.hoisted(() => ({ isPackaged: false }));
vi.mock('electron', () => ({ app: fakeApp, default: { app: fakeApp } }));

const { isDevToolsOrReloadShortcut, isDevelopmentBuild, lockDevTools } = await import('./dev-tools');

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
const key = (k: string, mods: { control?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}, type = 'keyDown') => ({
  type,
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('dev tools', () => {
  it('is a development build only under a dev bundle and never when packaged', () => {
    // Vitest bundles like `electron-vite dev` (import.meta.env.DEV).
    expect(isDevelopmentBuild()).toBe(true);
    fakeApp.isPackaged = true;
    expect(isDevelopmentBuild()).toBe(false);
    fakeApp.isPackaged = false;
  });

  it('knows the reload and DevTools shortcuts of every platform', () => {
    for (const input of [
      key('F5'),
      key('F12'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('r', { meta: true }),
      key('I', { control: true, shift: true }),
      key('J', { control: true, shift: true }),
      key('C', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
    ]) {
      expect(isDevToolsOrReloadShortcut(input), JSON.stringify(input)).toBe(true);
    }
  });

  it('leaves the app’s own and editing shortcuts alone', () => {
    for (const input of [
      key('r'),
      key('i'),
      key('c', { control: true }),
      key('v', { meta: true }),
      key('f', { control: true }),
      key('o', { control: true }),
      key('/'),
      key('F5', {}, 'keyUp'),
    ]) {
      expect(isDevToolsOrReloadShortcut(input), JSON.stringify(input)).toBe(false);
    }
  });

  it('swallows the shortcuts and closes DevTools on a locked web contents', () => {
    const handlers = new Map<string, Fn>();
    const contents = { on: (e: string, f: Fn) => handlers.set(e, f), closeDevTools: vi.fn() };
    lockDevTools(contents as never);

    const reload = { preventDefault: vi.fn() };
    handlers.get('before-input-event')!(reload, key('r', { control: true }));
    expect(reload.preventDefault).toHaveBeenCalled();
    const typing = { preventDefault: vi.fn() };
    handlers.get('before-input-event')!(typing, key('a'));
    expect(typing.preventDefault).not.toHaveBeenCalled();

    handlers.get('devtools-opened')!();
    expect(contents.closeDevTools).toHaveBeenCalled();
  });
});
