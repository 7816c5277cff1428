/**
 * The preload bridge (index.ts) under a fake `electron`: what the page gets, and that
 * grantFiles sends paths the preload computed itself from real Files, never names the page gave.
 */
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHOOSE_EXPORT_PATH, IPC_CHOOSE_FOLDER, IPC_GRANT_FILES, IPC_INVOKE, IPC_SIGN_IN_SALESFORCE, type ProfileDeskBridge } from '../common/bridge';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (_channel: string, ...args: unknown[]): Promise<unknown> => ({ ok: true, value: args[0] })),
  // Only Files that came from the disk have a path; the fake marks them with a `diskPath`.
  getPathForFile: (file: File & { diskPath?: string }) => file.diskPath ?? '',
}));
vi.mock('electron', () => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: { invoke: fake.invoke, on: () => {} },
    webUtils: { getPathForFile: fake.getPathForFile },
  };
  return { ...electron, default: electron };
});

await import('./index');
const bridge = fake.exposed.get('profileDesk') as ProfileDeskBridge;
const diskFile = (name: string, diskPath: string) => Object.assign(new File(['x'], name), { diskPath });

describe('preload bridge', () => {
  it('exposes invoke, onEvent, grantFiles, chooseExportPath, chooseFolder and signInSalesforce only', () => {
    expect(Object.keys(bridge).sort()).toEqual(['chooseExportPath', 'chooseFolder', 'grantFiles', 'invoke', 'onEvent', 'signInSalesforce']);
  });

  it('asks the main process for a folder to watch, and passes on its answer or refusal', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: true, value: '/home/ana/rum-drop' });
    expect(await bridge.chooseFolder()).toBe('/home/ana/rum-drop');
    expect(fake.invoke).toHaveBeenLastCalledWith(IPC_CHOOSE_FOLDER);
    fake.invoke.mockResolvedValueOnce({ ok: true, value: null });
    expect(await bridge.chooseFolder()).toBeNull();
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'This page may not call Profile Desk' } });
    await expect(bridge.chooseFolder()).rejects.toThrow('This page may not call Profile Desk');
  });

  it('asks the main process to sign a connection in, and passes on the connection, a cancel or a refusal', async () => {
    const connection = { name: 'crm', kind: 'salesforce', identity: 'ana@acme.com' };
    fake.invoke.mockResolvedValueOnce({ ok: true, value: connection });
    expect(await bridge.signInSalesforce('crm')).toEqual(connection);
    expect(fake.invoke).toHaveBeenLastCalledWith(IPC_SIGN_IN_SALESFORCE, 'crm');
    fake.invoke.mockResolvedValueOnce({ ok: true, value: null });
    expect(await bridge.signInSalesforce('crm')).toBeNull();
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'auth_failed', message: 'Salesforce refused the sign-in: access_denied' } });
    await expect(bridge.signInSalesforce('crm')).rejects.toThrow('Salesforce refused the sign-in: access_denied');
  });

  it('asks the main process for an export path, and passes on its answer or refusal', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: true, value: '/home/ana/users.csv' });
    expect(await bridge.chooseExportPath('users.csv')).toBe('/home/ana/users.csv');
    expect(fake.invoke).toHaveBeenLastCalledWith(IPC_CHOOSE_EXPORT_PATH, 'users.csv');
    fake.invoke.mockResolvedValueOnce({ ok: true, value: null });
    expect(await bridge.chooseExportPath('users.csv')).toBeNull();
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'This page may not call Profile Desk' } });
    await expect(bridge.chooseExportPath('users.csv')).rejects.toThrow('This page may not call Profile Desk');
  });

  it('grants the dropped files’ own paths on the grant channel', async () => {
    const files = [diskFile('a.json', '/home/ana/a.json'), diskFile('b.gz', '/home/ana/b.gz')];
    expect(await bridge.grantFiles(files)).toEqual(['/home/ana/a.json', '/home/ana/b.gz']);
    expect(fake.invoke).toHaveBeenLastCalledWith(IPC_GRANT_FILES, ['/home/ana/a.json', '/home/ana/b.gz']);
  });

  it('refuses a File a script made up, before anything reaches the main process', async () => {
    fake.invoke.mockClear();
    await expect(bridge.grantFiles([new File(['x'], '/etc/passwd')])).rejects.toThrow('/etc/passwd has no path on this computer');
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('passes on the main process’s refusal', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'This page may not call Profile Desk' } });
    await expect(bridge.grantFiles([diskFile('a.json', '/home/ana/a.json')])).rejects.toThrow('This page may not call Profile Desk');
  });

  it('forwards calls on the invoke channel', async () => {
    await bridge.invoke('store.info', {});
    expect(fake.invoke).toHaveBeenLastCalledWith(IPC_INVOKE, 'store.info', {});
  });
});
