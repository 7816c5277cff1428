/** Which pages count as our renderer, and the production lock on every web contents. */
import { afterEach, describe, expect, it, vi } from 'vitest';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const fake = vi.hoisted(() => ({
  app: { isPackaged: false, on: (e: string, f: (...a: unknown[]) => unknown) => fake.appHandlers.set(e, f) },
  appHandlers: new Map<string, (...a: unknown[]) => unknown>(),
}));
vi.mock('electron', () => {
  const electron = {
    app: fake.app,
    protocol: { registerSchemesAsPrivileged() {} },
    shell: { openExternal: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
    BrowserWindow: { getFocusedWindow: () => null },
  };
  return { ...electron, default: electron };
});

const { hardenAllWebContents, isRendererUrl, isTrustedFrame } = await import('./security');

afterEach(() => {
  delete process.env.ELECTRON_RENDERER_URL;
  fake.app.isPackaged = false;
  vi.unstubAllEnvs();
});

function createdContents(development: boolean) {
  hardenAllWebContents({ development });
  const handlers = new Map<string, Fn>();
  const contents = {
    on: (e: string, f: Fn) => handlers.set(e, f),
    setWindowOpenHandler: () => {},
    getURL: () => 'app://profile-desk/index.html',
    closeDevTools: vi.fn(),
  };
  fake.appHandlers.get('web-contents-created')!({}, contents);
  return { handlers, contents };
}

describe('renderer origin', () => {
  it('is app://profile-desk in a built app, any file of it', () => {
    expect(isRendererUrl('app://profile-desk/index.html')).toBe(true);
    expect(isRendererUrl('app://profile-desk/index.html#/accounts')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://profile-desk.evil/index.html',
      'app://user@profile-desk/index.html',
      'app://profile-desk:8080/index.html',
      'file:///work/out/renderer/index.html',
      'http://localhost:5173/',
      'https://profile-desk/index.html',
      'garbage',
    ]) {
      expect(isRendererUrl(url), url).toBe(false);
    }
  });

  it('is the dev server in development, never once packaged', () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    expect(isRendererUrl('http://localhost:5173/#/users')).toBe(true);
    expect(isRendererUrl('http://localhost:5174/')).toBe(false);
    fake.app.isPackaged = true;
    expect(isRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isRendererUrl('app://profile-desk/index.html')).toBe(true);
  });

  it('ignores a dev server named in the environment of a production build', () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    vi.stubEnv('DEV', false);
    expect(isRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isRendererUrl('app://profile-desk/index.html')).toBe(true);
  });

  it('trusts only the top frame', () => {
    expect(isTrustedFrame({ url: 'app://profile-desk/index.html', parent: null } as never)).toBe(true);
    expect(isTrustedFrame({ url: 'app://profile-desk/index.html', parent: {} } as never)).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });
});

describe('web contents', () => {
  it('locks DevTools and reload shortcuts in production builds', () => {
    const { handlers, contents } = createdContents(false);
    const reload = { preventDefault: vi.fn() };
    handlers.get('before-input-event')!(reload, { type: 'keyDown', key: 'F5', control: false, meta: false, shift: false, alt: false });
    expect(reload.preventDefault).toHaveBeenCalled();
    handlers.get('devtools-opened')!();
    expect(contents.closeDevTools).toHaveBeenCalled();
  });

  it('leaves them alone in development builds', () => {
    const { handlers } = createdContents(true);
    expect(handlers.has('before-input-event')).toBe(false);
    expect(handlers.has('devtools-opened')).toBe(false);
    expect(handlers.has('will-navigate')).toBe(true);
  });
});
