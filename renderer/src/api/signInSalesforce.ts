import type { ConnectionInfo } from '../../../common/attributes';
import type { ProfileDeskBridge } from '../../../common/bridge';
import type { EventMessage } from '../../../common/contract';
import type { Result } from '../../../common/types';
import { getTransport } from './client';
import { ApiError } from './errors';
import { readToken } from './httpTransport';
import type { Transport } from './transport';

/** How often the browser host is asked whether the sign-in tab has finished (events come first). */
export const SIGN_IN_POLL_MS = 2000;

export interface SignInOptions {
  /** Stops waiting for the sign-in tab (the browser host); the tab itself stays open. */
  signal?: AbortSignal;
}

/** What the sign-in needs from the page; the defaults are the real ones (tests pass fakes). */
export interface SignInDeps {
  transport: Transport;
  bridge: ProfileDeskBridge | undefined;
  openTab: (url: string) => Window | null;
  token: () => string;
  now: () => number;
  pollMs: number;
}

function defaultDeps(): SignInDeps {
  return {
    transport: getTransport(),
    bridge: window.profileDesk,
    openTab: (url) => window.open(url, '_blank'),
    token: readToken,
    now: Date.now,
    pollMs: SIGN_IN_POLL_MS,
  };
}

/**
 * Signs the saved Salesforce connection `name` in with OAuth. In the app, a sign-in window
 * (main/electron/oauth-window.ts); in the browser host, a new tab on `/oauth/start`, which
 * comes back to the host's callback (main/serve/oauth.ts) while this page waits for the
 * connection to be updated. Resolves with the connection, or null when the user closed the
 * app's sign-in window; rejects with the reason when it failed.
 *
 * Call it from the click handler itself: browsers only let a page open a tab during a click.
 */
export async function signInSalesforce(name: string, options: SignInOptions = {}, deps: SignInDeps = defaultDeps()): Promise<ConnectionInfo | null> {
  if (deps.transport.kind === 'electron' && deps.bridge) return deps.bridge.signInSalesforce(name);

  const openedAt = deps.now();
  const tab = deps.openTab(`/oauth/start?name=${encodeURIComponent(name)}&token=${encodeURIComponent(deps.token())}`);
  if (!tab) throw new Error('The browser blocked the Salesforce sign-in tab: allow pop-ups for this page and try again');
  // The login page must not reach back into this one.
  tab.opener = null;
  return waitForSignIn(name, openedAt, options.signal, deps);
}

/**
 * Resolves once the connection was saved after `openedAt` with tokens (the callback saves them;
 * a save just before the tab opened does not count).
 */
function waitForSignIn(name: string, openedAt: number, signal: AbortSignal | undefined, deps: SignInDeps): Promise<ConnectionInfo> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let checking = false;
    const stop = (): void => {
      settled = true;
      clearInterval(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
    };
    const check = async (): Promise<void> => {
      if (settled || checking) return;
      checking = true;
      try {
        const result = (await deps.transport.invoke('connections.list', {})) as Result<{ connections: ConnectionInfo[] }>;
        if (settled) return;
        if (!result.ok) {
          stop();
          reject(new ApiError(result.error));
          return;
        }
        const connection = result.value.connections.find((c) => c.name === name);
        // Same machine, same clock: saved after the tab opened, with the tokens the callback got.
        const signedIn = connection && Date.parse(connection.updatedAt) > openedAt &&
          (connection.secrets.includes('accessToken') || connection.secrets.includes('refreshToken'));
        if (signedIn) {
          stop();
          resolve(connection);
        }
      } finally {
        checking = false;
      }
    };
    const onAbort = (): void => {
      stop();
      reject(new DOMException('Stopped waiting for the Salesforce sign-in', 'AbortError'));
    };
    const unsubscribe = deps.transport.subscribe((message: EventMessage) => {
      if (message.event === 'sources.changed') void check();
    });
    const timer = setInterval(() => void check(), deps.pollMs);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
