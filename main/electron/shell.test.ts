/**
 * The Electron shell under a fake `electron` module (there is no Electron binary on the build
 * machines): window hardening, app:// loading, the IPC sender check, granted import paths, event
 * forwarding, CSP and quit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHOOSE_EXPORT_PATH, IPC_EVENT, IPC_GRANT_FILES, IPC_INVOKE, IPC_SIGN_IN_SALESFORCE } from '../../common/bridge';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const fake = vi.hoisted(() => {
  const appHandlers = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  const windows: Array<Record<string, any>> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const state = {
    userData: '',
    permission: null as Fn | null,
    headers: null as Fn | null,
    privileged: [] as unknown[],
    protocols: new Map<string, Fn>(),
    readyAt: -1,
    privilegedAt: -1,
    step: 0,
  };
  const sent: unknown[][] = [];
  const emitter = () => {
    const on = new Map<string, Fn>();
    return { on: (e: string, f: Fn) => on.set(e, f), once: (e: string, f: Fn) => on.set(e, f), handlers: on };
  };
  class BrowserWindow {
    static getAllWindows = () => windows;
    static getFocusedWindow = () => windows[0] ?? null;
    static fromWebContents = () => windows[0] ?? null;
    events = emitter();
    on = this.events.on;
    once = this.events.once;
    loaded: string | null = null;
    webContents = { send: (...a: unknown[]) => sent.push(a), mainFrame: { url: '', parent: null }, once: () => {} };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMaximized = () => false;
    isMinimized = () => false;
    maximize() {}
    show() {}
    focus() {}
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
  }
  const app = {
    isPackaged: false,
    setName() {},
    setPath: (_: string, p: string) => (state.userData = p),
    getPath: (name: string) => (name === 'userData' ? state.userData : join(process.env.PD_FAKE_APPDATA!, name)),
    getAppPath: () => state.userData,
    getVersion: () => '0.0.0',
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    on: (e: string, f: Fn) => appHandlers.set(e, f),
    whenReady: () => {
      state.readyAt = state.step++;
      return Promise.resolve();
    },
    quit: vi.fn(),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (f: Fn) => (state.permission = f),
      setPermissionCheckHandler() {},
      webRequest: { onHeadersReceived: (f: Fn) => (state.headers = f) },
      protocol: { handle: (scheme: string, f: Fn) => state.protocols.set(scheme, f) },
    },
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      state.privilegedAt = state.step++;
      state.privileged.push(...schemes);
    },
  };
  const electron = {
    app,
    BrowserWindow,
    session,
    protocol,
    ipcMain: { handle: (c: string, f: Fn) => ipcHandlers.set(c, f), removeHandler: (c: string) => ipcHandlers.delete(c) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu() {} },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn(), showSaveDialog: vi.fn() },
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    webUtils: {},
  };
  return { electron, appHandlers, ipcHandlers, windows, state, sent };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const appData = mkdtempSync(join(tmpdir(), 'profile-desk-electron-'));
process.env.PD_FAKE_APPDATA = appData;
let rendererUrl: string;

beforeAll(async () => {
  await import('../index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  rendererUrl = (await import('./protocol')).APP_ENTRY_URL;
});

afterAll(() => rmSync(appData, { recursive: true, force: true }));

const invoke = (url: string, method: string, input: unknown, parent: unknown = null) =>
  fake.ipcHandlers.get(IPC_INVOKE)!({ senderFrame: { url, parent } }, method, input);
const grant = (url: string, paths: unknown) => fake.ipcHandlers.get(IPC_GRANT_FILES)!({ senderFrame: { url, parent: null } }, paths);
const choose = (url: string, name: unknown) =>
  fake.ipcHandlers.get(IPC_CHOOSE_EXPORT_PATH)!({ senderFrame: { url, parent: null }, sender: {} }, name);
const fixture = fileURLToPath(new URL('../../tests/fixtures/rum/sdk__view.json', import.meta.url));

describe('Electron shell', () => {
  it('keeps the store in userData/Profile Desk', () => {
    expect(fake.state.userData).toBe(join(appData, 'appData', 'Profile Desk'));
    expect(existsSync(join(fake.state.userData, 'profiles.db'))).toBe(true);
  });

  it('creates a sandboxed, isolated window with the CommonJS preload', () => {
    const [win] = fake.windows;
    expect(win!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String((win!.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    // Vitest runs as a development build (import.meta.env.DEV, not packaged).
    expect(win!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('loads the renderer from app://profile-desk, registered privileged before ready', () => {
    expect(fake.windows[0]!.loaded).toBe('app://profile-desk/index.html');
    expect(fake.state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.state.privilegedAt).toBeGreaterThanOrEqual(0);
    expect(fake.state.privilegedAt).toBeLessThan(fake.state.readyAt);
    expect(fake.state.protocols.has('app')).toBe(true);
  });

  it('answers only our renderer’s top frame', async () => {
    expect(await invoke(rendererUrl, 'store.info', {})).toMatchObject({ ok: true });
    expect(await invoke(`${rendererUrl}#/users`, 'store.info', {})).toMatchObject({ ok: true });
    expect(await invoke('https://evil.example/', 'store.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(rendererUrl, 'store.info', {}, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('file:///work/out/renderer/index.html', 'store.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('app://evil/index.html', 'store.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(rendererUrl, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('imports only files granted through the grant channel, by our renderer', async () => {
    expect(await invoke(rendererUrl, 'imports.start', { paths: [fixture] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(rendererUrl, 'imports.start', { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await grant('https://evil.example/', [fixture])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await grant(rendererUrl, 'not a list')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await grant(rendererUrl, ['relative.json'])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke(rendererUrl, 'imports.start', { paths: [fixture] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await grant(rendererUrl, [fixture])).toEqual({ ok: true, value: [fixture] });
  });

  it('opens the Salesforce sign-in only for our renderer, for a named connection', async () => {
    const signIn = (url: string, name: unknown) =>
      fake.ipcHandlers.get(IPC_SIGN_IN_SALESFORCE)!({ senderFrame: { url, parent: null }, sender: {} }, name);
    const windows = fake.windows.length;
    expect(await signIn('https://evil.example/', 'crm')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await signIn(rendererUrl, '')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await signIn(rendererUrl, { name: 'crm' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fake.windows.length).toBe(windows);
  });

  it('forwards core events to the window', async () => {
    const started = await invoke(rendererUrl, 'imports.start', { paths: [fixture] });
    expect(started).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(fake.sent.some(([, m]) => (m as { event: string }).event === 'job.finished')).toBe(true), { timeout: 30_000 });
    expect(fake.sent.every(([channel]) => channel === IPC_EVENT)).toBe(true);
  });

  it('exports only to a path chosen in the save dialog, once', async () => {
    const out = join(appData, 'chosen.csv');
    const exportTo = (target: string) => invoke(rendererUrl, 'exports.start', { entity: 'users', target });
    expect(await exportTo(out)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await exportTo('-')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await choose('https://evil.example/', 'x.csv')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();

    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await choose(rendererUrl, 'users')).toEqual({ ok: true, value: null });
    const [, options] = fake.electron.dialog.showSaveDialog.mock.calls[0]!;
    expect(options.defaultPath).toBe(join(appData, 'downloads', 'users.csv'));

    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: out });
    expect(await choose(rendererUrl, 'users.csv')).toEqual({ ok: true, value: out });
    const before = fake.sent.length;
    expect(await exportTo(out)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(fake.sent.slice(before).some(([, m]) => (m as { event: string }).event === 'job.finished')).toBe(true), { timeout: 30_000 });
    expect(readFileSync(out, 'utf8')).toMatch(/^user_id,/);
    // Used up: writing there again needs another choice.
    expect(await exportTo(out)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('blocks navigation, new windows and permissions; sets the CSP header', async () => {
    const handlers = new Map<string, Fn>();
    let openHandler: Fn = () => null;
    fake.appHandlers.get('web-contents-created')!({}, {
      on: (e: string, f: Fn) => handlers.set(e, f),
      setWindowOpenHandler: (f: Fn) => (openHandler = f),
      getURL: () => rendererUrl,
    });
    expect(handlers.has('devtools-opened')).toBe(false); // development build: DevTools allowed
    const event = { preventDefault: vi.fn() };
    fake.electron.dialog.showMessageBox.mockResolvedValue({ response: 1 });
    handlers.get('will-navigate')!(event, 'https://example.com/docs');
    expect(event.preventDefault).toHaveBeenCalled();
    // Not one of the app's docs hosts: the user is asked first (external-links.ts).
    await vi.waitFor(() => expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs'));
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const inPage = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(inPage, `${rendererUrl}#/accounts`);
    expect(inPage.preventDefault).not.toHaveBeenCalled();
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1); // never file: URLs

    const permission = vi.fn();
    fake.state.permission!({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);

    const withCsp = vi.fn();
    fake.state.headers!({ url: rendererUrl, responseHeaders: {} }, withCsp);
    expect(withCsp.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain("script-src 'self'");
    const other = vi.fn();
    fake.state.headers!({ url: 'https://example.com/', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('remembers the window bounds', () => {
    fake.windows[0]!.events.handlers.get('close')!();
    const saved = JSON.parse(readFileSync(join(fake.state.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
  });

  it('closes the core before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    fake.appHandlers.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(fake.ipcHandlers.has(IPC_INVOKE)).toBe(false);
  });
});
