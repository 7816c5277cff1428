/**
 * The Salesforce sign-in window under a fake `electron`: a sandboxed window without preload on
 * the authorize URL, the redirect caught and finished through the dispatcher, and every other
 * ending (refusal, a foreign state, a closed window, a page that does not load).
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../common/types';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const fake = vi.hoisted(() => {
  const windows: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const sessions = new Map<string, { clearStorageData: Fn; setPermissionRequestHandler: Fn; setPermissionCheckHandler: Fn; permission?: Fn }>();
  return { windows, sessions, openExternal: vi.fn(async () => {}) };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class WebContents extends Emitter {
    openHandler: Fn | null = null;
    setWindowOpenHandler(f: Fn) {
      this.openHandler = f;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new WebContents();
    loaded: string | null = null;
    destroyed = false;
    constructor(readonly options: Record<string, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
      super();
      fake.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    close() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }
  const session = {
    fromPartition(name: string) {
      if (!fake.sessions.has(name)) {
        const s = {
          clearStorageData: vi.fn(async () => {}),
          setPermissionRequestHandler: (f: Fn) => (s.permission = f),
          setPermissionCheckHandler: () => {},
          permission: undefined as Fn | undefined,
        };
        fake.sessions.set(name, s);
      }
      return fake.sessions.get(name)!;
    },
  };
  const electron = {
    app: { on: () => {}, isPackaged: false },
    BrowserWindow,
    session,
    shell: { openExternal: fake.openExternal },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 1 })) },
  };
  return { ...electron, default: electron };
});

const { OAUTH_PARTITION, OAUTH_REDIRECT_URI, allowedInLoginWindow, readOAuthCallback, signInSalesforce } = await import('./oauth-window');

const AUTHORIZE = 'https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=abc&code_challenge=xyz';
const CONNECTION = { id: 1, name: 'crm', kind: 'salesforce', identity: 'ana@acme.com' };

/** A dispatcher that answers oauthStart and oauthFinish like the core, recording every call. */
function fakeDispatch(start: Result<unknown> = { ok: true, value: { url: AUTHORIZE, state: 'S1' } }) {
  return vi.fn(async (method: string, _input: unknown): Promise<Result<unknown>> => {
    if (method === 'connections.oauthStart') return start;
    if (method === 'connections.oauthFinish') return { ok: true, value: CONNECTION };
    return { ok: false, error: { code: 'unknown_method', message: method } };
  });
}

/** Starts a sign-in and waits for its window. */
async function open(dispatch = fakeDispatch()) {
  const before = fake.windows.length;
  const result = signInSalesforce(dispatch, 'crm');
  await vi.waitFor(() => expect(fake.windows.length).toBe(before + 1));
  const win = fake.windows.at(-1);
  return { result, win, contents: win.webContents as EventEmitter & { openHandler: Fn }, dispatch };
}

const navigate = (contents: EventEmitter, event: 'will-navigate' | 'will-redirect', url: string) => {
  const e = { preventDefault: vi.fn() };
  contents.emit(event, e, url);
  return e.preventDefault;
};

beforeEach(() => {
  fake.openExternal.mockClear();
});

describe('readOAuthCallback', () => {
  it('reads code and state, or the error, only on the redirect URI', () => {
    expect(readOAuthCallback(`${OAUTH_REDIRECT_URI}?code=aPrx%3D%3D&state=S1`)).toEqual({ code: 'aPrx==', state: 'S1' });
    expect(readOAuthCallback(`${OAUTH_REDIRECT_URI}?error=access_denied&error_description=end-user+denied+authorization&state=S1`)).toEqual({
      error: 'end-user denied authorization',
      state: 'S1',
    });
    expect(readOAuthCallback(`${OAUTH_REDIRECT_URI}?state=S1`)).toEqual({ error: 'the login page came back without a code', state: 'S1' });
    expect(readOAuthCallback('https://login.salesforce.com/OauthRedirect?code=x&state=S1')).toBeNull();
    expect(readOAuthCallback('http://localhost:1718/OauthRedirect?code=x&state=S1')).toBeNull();
    expect(readOAuthCallback('http://localhost:1717/Other?code=x&state=S1')).toBeNull();
    expect(readOAuthCallback('not a url')).toBeNull();
  });

  it('lets the login window browse https anywhere (My Domain, SSO) and http only on the login origin', () => {
    const origin = 'http://127.0.0.1:4000';
    expect(allowedInLoginWindow('https://acme.my.salesforce.com/', origin)).toBe(true);
    expect(allowedInLoginWindow('https://acme.okta.com/login', origin)).toBe(true);
    expect(allowedInLoginWindow('http://127.0.0.1:4000/login', origin)).toBe(true);
    expect(allowedInLoginWindow('http://evil.example/', origin)).toBe(false);
    expect(allowedInLoginWindow('file:///etc/passwd', origin)).toBe(false);
    expect(allowedInLoginWindow('javascript:alert(1)', origin)).toBe(false);
  });
});

describe('signInSalesforce', () => {
  it('opens a sandboxed window with no preload on the authorize URL, catches the redirect and finishes through the dispatcher', async () => {
    const { result, win, contents, dispatch } = await open();
    expect(dispatch).toHaveBeenCalledWith('connections.oauthStart', { name: 'crm', redirectUri: OAUTH_REDIRECT_URI });
    expect(win.loaded).toBe(AUTHORIZE);
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, partition: OAUTH_PARTITION, devTools: false });
    expect(prefs.preload).toBeUndefined();
    expect(OAUTH_PARTITION.startsWith('persist:')).toBe(false);
    const ses = fake.sessions.get(OAUTH_PARTITION)!;
    expect(ses.clearStorageData).toHaveBeenCalled();
    const permission = vi.fn();
    ses.permission!({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);

    // The login form and My Domain hops go through; the redirect does not leave the app.
    expect(navigate(contents, 'will-navigate', 'https://login.salesforce.com/?login')).not.toHaveBeenCalled();
    expect(navigate(contents, 'will-redirect', 'https://acme.my.salesforce.com/setup/secur/RemoteAccessAuthorizationPage.apexp')).not.toHaveBeenCalled();
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(navigate(contents, 'will-redirect', `${OAUTH_REDIRECT_URI}?code=CODE&state=S1`)).toHaveBeenCalled();

    expect(await result).toEqual({ ok: true, value: CONNECTION });
    expect(dispatch).toHaveBeenCalledWith('connections.oauthFinish', { state: 'S1', code: 'CODE' });
    expect(win.destroyed).toBe(true);
  });

  it('reports the login page’s refusal without finishing the flow', async () => {
    const { result, contents, dispatch, win } = await open();
    navigate(contents, 'will-navigate', `${OAUTH_REDIRECT_URI}?error=access_denied&error_description=end-user+denied+authorization&state=S1`);
    expect(await result).toEqual({ ok: false, error: { code: 'auth_failed', message: 'Salesforce refused the sign-in: end-user denied authorization' } });
    expect(dispatch).not.toHaveBeenCalledWith('connections.oauthFinish', expect.anything());
    expect(win.destroyed).toBe(true);
  });

  it('refuses a redirect carrying another flow’s state', async () => {
    const { result, contents, dispatch } = await open();
    navigate(contents, 'will-redirect', `${OAUTH_REDIRECT_URI}?code=CODE&state=OTHER`);
    expect(await result).toMatchObject({ ok: false, error: { code: 'auth_failed', message: expect.stringContaining('another sign-in') } });
    expect(dispatch).not.toHaveBeenCalledWith('connections.oauthFinish', expect.anything());
  });

  it('is cancelled when the user closes the window', async () => {
    const { result, win } = await open();
    win.close();
    expect(await result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('fails when the login page does not load, but not for the redirect it stopped itself', async () => {
    const { result, contents } = await open();
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', OAUTH_REDIRECT_URI, true);
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://cdn.example/x.js', false);
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', AUTHORIZE, true);
    expect(await result).toEqual({ ok: false, error: { code: 'auth_failed', message: 'The Salesforce login page did not load (ERR_NAME_NOT_RESOLVED)' } });
  });

  it('opens no window when the core refuses to start, and sends pop-ups to the browser after the usual check', async () => {
    const before = fake.windows.length;
    const refused = { ok: false, error: { code: 'not_found', message: 'No connection "crm"' } } as const;
    expect(await signInSalesforce(fakeDispatch(refused), 'crm')).toEqual(refused);
    expect(fake.windows.length).toBe(before);

    const { contents, win, result } = await open();
    expect(contents.openHandler({ url: 'https://help.salesforce.com/forgot' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.openExternal).toHaveBeenCalledWith('https://help.salesforce.com/forgot'));
    expect(contents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    win.close();
    await result;
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
  });

  it('replaces a sign-in window still open', async () => {
    const first = await open();
    const second = await open();
    expect(first.win.destroyed).toBe(true);
    expect(await first.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    second.win.close();
    await second.result;
  });
});
