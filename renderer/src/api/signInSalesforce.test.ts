import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionInfo } from '../../../common/attributes';
import type { ProfileDeskBridge } from '../../../common/bridge';
import type { EventMessage } from '../../../common/contract';
import type { Result } from '../../../common/types';
import { signInSalesforce, type SignInDeps } from './signInSalesforce';
import type { Transport } from './transport';

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const connection = (updatedAt: number, secrets: ConnectionInfo['secrets']): ConnectionInfo => ({
  id: 1,
  name: 'crm',
  kind: 'salesforce',
  fields: {},
  secrets,
  identity: 'ana@acme.com',
  createdAt: new Date(T0 - 60_000).toISOString(),
  updatedAt: new Date(updatedAt).toISOString(),
});

/** A browser-host transport whose connections.list answers what `list` holds now. */
function httpDeps(list: { connections: ConnectionInfo[] }, openTab: SignInDeps['openTab'] = () => ({}) as Window) {
  const listeners = new Set<(m: EventMessage) => void>();
  const invoke = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: list }));
  const transport: Transport = {
    kind: 'http',
    invoke,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onReconnect: () => () => {},
    stageFile: vi.fn(),
  };
  const deps: SignInDeps = { transport, bridge: undefined, openTab: vi.fn(openTab), token: () => 'tok/en', now: () => T0, pollMs: 50 };
  const emit = (m: EventMessage) => listeners.forEach((l) => l(m));
  return { deps, invoke, emit, listeners };
}

afterEach(() => vi.useRealTimers());

describe('signInSalesforce', () => {
  it('uses the preload’s sign-in window in the app', async () => {
    const info = connection(T0, ['refreshToken']);
    const bridge = { signInSalesforce: vi.fn(async () => info) } as unknown as ProfileDeskBridge;
    const { deps } = httpDeps({ connections: [] });
    const electron = { ...deps, transport: { ...deps.transport, kind: 'electron' as const }, bridge };
    expect(await signInSalesforce('crm', {}, electron)).toBe(info);
    expect(bridge.signInSalesforce).toHaveBeenCalledWith('crm');
    expect(deps.openTab).not.toHaveBeenCalled();
  });

  it('opens /oauth/start in a tab with the token, and resolves when the connection gets its tokens after that', async () => {
    const list = { connections: [connection(T0 - 10, ['clientSecret'])] };
    const tab = { opener: {} } as unknown as Window;
    const { deps, emit, listeners } = httpDeps(list, () => tab);
    const done = signInSalesforce('crm & co', {}, deps);
    expect(deps.openTab).toHaveBeenCalledWith('/oauth/start?name=crm%20%26%20co&token=tok%2Fen');
    expect(tab.opener).toBeNull();
    list.connections = [{ ...connection(T0 + 5000, ['clientSecret', 'accessToken', 'refreshToken']), name: 'crm & co' }];
    emit({ event: 'sources.changed', data: {} });
    expect(await done).toMatchObject({ name: 'crm & co', identity: 'ana@acme.com' });
    expect(listeners.size).toBe(0);
  });

  it('does not take the save made just before the tab opened for the sign-in; polls without events', async () => {
    const list = { connections: [connection(T0, ['clientSecret', 'refreshToken'])] };
    const { deps, invoke } = httpDeps(list);
    let resolved = false;
    const done = signInSalesforce('crm', {}, deps).then((c) => ((resolved = true), c));
    await vi.waitFor(() => expect(invoke.mock.calls.length).toBeGreaterThan(1));
    expect(resolved).toBe(false);
    list.connections = [connection(T0 + 1, ['refreshToken'])];
    expect(await done).toMatchObject({ name: 'crm' });
  });

  it('says when the browser blocked the tab, stops on abort, and passes on an error of the host', async () => {
    await expect(signInSalesforce('crm', {}, httpDeps({ connections: [] }, () => null).deps)).rejects.toThrow(/blocked the Salesforce sign-in tab/);

    const controller = new AbortController();
    const { deps, listeners } = httpDeps({ connections: [] });
    const waiting = signInSalesforce('crm', { signal: controller.signal }, deps);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners.size).toBe(0);

    const failing = httpDeps({ connections: [] });
    failing.invoke.mockResolvedValue({ ok: false, error: { code: 'internal', message: 'connections.list failed: disk' } });
    await expect(signInSalesforce('crm', {}, failing.deps)).rejects.toThrow('connections.list failed: disk');
  });
});
