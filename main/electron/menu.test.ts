/** The native menu: developer items only in development builds, import grants, links out. */
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../common/types';
import type { Core } from '../core/types';
import { GrantedPaths } from './granted-paths';

const fake = vi.hoisted(() => ({
  showOpenDialog: vi.fn(),
  showMessageBox: vi.fn(),
  showErrorBox: vi.fn(),
  openExternal: vi.fn(async (_url: string) => {}),
}));
vi.mock('electron', () => {
  const electron = {
    app: { getVersion: () => '1.2.3', isPackaged: false },
    BrowserWindow: { getFocusedWindow: () => null, getAllWindows: () => [] },
    dialog: { showOpenDialog: fake.showOpenDialog, showMessageBox: fake.showMessageBox, showErrorBox: fake.showErrorBox },
    shell: { openExternal: fake.openExternal },
    Menu: { buildFromTemplate: (t: unknown) => t },
  };
  return { ...electron, default: electron };
});

const { menuTemplate } = await import('./menu');

const DEV_ROLES = ['reload', 'forceReload', 'toggleDevTools'];

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]) => allItems(items).map((i) => i.role).filter(Boolean);
const item = (items: MenuItemConstructorOptions[], label: string) => allItems(items).find((i) => i.label === label)!;

let grantedPaths: GrantedPaths;
let dispatched: Array<{ method: string; input: unknown; granted: boolean }>;
let answer: Result<unknown>;
const core = {
  dispatch: async (method: string, input: unknown) => {
    const paths = (input as { paths: string[] }).paths;
    dispatched.push({ method, input, granted: paths.every((p) => grantedPaths.has(p)) });
    return answer;
  },
} as unknown as Core;
const template = (development: boolean, extra: { isMac?: boolean; homepage?: string } = {}) =>
  menuTemplate({ core, grantedPaths, development, isMac: false, ...extra });

beforeEach(() => {
  grantedPaths = new GrantedPaths();
  dispatched = [];
  answer = { ok: true, value: { jobId: 'j1' } };
  for (const f of Object.values(fake)) f.mockReset();
});

describe('menu template', () => {
  it('has Reload, Force Reload and DevTools in development builds', () => {
    const dev = template(true);
    for (const role of DEV_ROLES) expect(roles(dev)).toContain(role);
    expect(roles(dev)).toEqual(expect.arrayContaining(['quit', 'editMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('has none of them in production builds, on any platform', () => {
    for (const isMac of [false, true]) {
      const prod = template(false, { isMac });
      for (const role of DEV_ROLES) expect(roles(prod)).not.toContain(role);
      expect(roles(prod)).toEqual(expect.arrayContaining(['editMenu', 'resetZoom', 'togglefullscreen']));
      // No orphan separator at the top of View.
      const view = prod.find((i) => i.label === 'View')!.submenu as MenuItemConstructorOptions[];
      expect(view[0]!.role).toBe('resetZoom');
    }
    expect(roles(template(false, { isMac: true }))).toEqual(expect.arrayContaining(['appMenu', 'close']));
  });

  it('grants the files chosen in the dialog, then imports them', async () => {
    const chosen = process.platform === 'win32' ? ['C:\\data\\a.ndjson', 'C:\\data\\b.json.gz'] : ['/data/a.ndjson', '/data/b.json.gz'];
    fake.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: chosen });
    item(template(false), 'Import events…').click!({} as never, undefined, {} as never);
    await vi.waitFor(() => expect(dispatched).toHaveLength(1));
    expect(dispatched[0]).toEqual({ method: 'imports.start', input: { paths: chosen }, granted: true });
    expect(fake.showErrorBox).not.toHaveBeenCalled();
  });

  it('grants and imports nothing when the dialog is cancelled; shows a failed start', async () => {
    fake.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    item(template(false), 'Import events…').click!({} as never, undefined, {} as never);
    await new Promise((r) => setTimeout(r, 10));
    expect(dispatched).toHaveLength(0);

    fake.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/data/a.ndjson'] });
    answer = { ok: false, error: { code: 'import_failed', message: 'a.ndjson ends early' } };
    item(template(false), 'Import events…').click!({} as never, undefined, {} as never);
    await vi.waitFor(() => expect(fake.showErrorBox).toHaveBeenCalledWith('Import failed', 'a.ndjson ends early'));
  });

  it('opens the project page through the link check, and hides it without a homepage', async () => {
    expect(allItems(template(false, { homepage: undefined })).some((i) => i.label === 'Project page')).toBe(false);
    item(template(false, { homepage: 'https://docs.profile-desk.example/' }), 'Project page').click!({} as never, undefined, {} as never);
    await vi.waitFor(() => expect(fake.openExternal).toHaveBeenCalledWith('https://docs.profile-desk.example/'));
    expect(fake.showMessageBox).not.toHaveBeenCalled(); // the app's own docs: no question

    item(template(false, { homepage: 'file:///etc/passwd' }), 'Project page').click!({} as never, undefined, {} as never);
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
  });
});
