/** External links: scheme and host checks, the confirmation dialog, and what reaches the OS. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  openExternal: vi.fn(async (_url: string) => {}),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  focused: null as object | null,
}));
vi.mock('electron', () => {
  const electron = {
    shell: { openExternal: fake.openExternal },
    dialog: { showMessageBox: fake.showMessageBox },
    BrowserWindow: { getFocusedWindow: () => fake.focused },
  };
  return { ...electron, default: electron };
});

const { classifyLink, docsHosts, openExternalSafely } = await import('./external-links');

const DOCS = new Set(['docs.profile-desk.example']);
const open = (url: string) => openExternalSafely(url, { trustedHosts: DOCS });

beforeEach(() => {
  fake.openExternal.mockClear();
  fake.showMessageBox.mockClear();
  fake.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
  fake.focused = null;
});

describe('docsHosts', () => {
  it('is the host of package.json homepage, or nothing', () => {
    expect([...docsHosts({ homepage: 'https://docs.profile-desk.example/guide' })]).toEqual(['docs.profile-desk.example']);
    expect(docsHosts({}).size).toBe(0);
    expect(docsHosts({ homepage: 'not a url' }).size).toBe(0);
    expect(docsHosts({ homepage: 'file:///etc/passwd' }).size).toBe(0);
  });
});

describe('classifyLink', () => {
  it('opens the docs hosts over https, asks for other web links, refuses other schemes', () => {
    expect(classifyLink('https://docs.profile-desk.example/a', DOCS).decision).toBe('open');
    expect(classifyLink('http://docs.profile-desk.example/a', DOCS).decision).toBe('ask');
    expect(classifyLink('https://docs.profile-desk.example.evil.example/', DOCS).decision).toBe('ask');
    expect(classifyLink('https://docs.profile-desk.example@evil.example/', DOCS).decision).toBe('ask');
    expect(classifyLink('https://user:pw@docs.profile-desk.example/', DOCS).decision).toBe('ask');
    expect(classifyLink('https://example.com/', DOCS).decision).toBe('ask');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'app://profile-desk/index.html', 'mailto:a@b.c', 'no url']) {
      expect(classifyLink(url, DOCS).decision, url).toBe('refuse');
    }
  });
});

describe('openExternalSafely', () => {
  it('opens a docs link directly', async () => {
    expect(await open('https://docs.profile-desk.example/guide')).toBe(true);
    expect(fake.showMessageBox).not.toHaveBeenCalled();
    expect(fake.openExternal).toHaveBeenCalledWith('https://docs.profile-desk.example/guide');
  });

  it('asks before any other web link, and opens it only when the user agrees', async () => {
    expect(await open('https://example.com/page')).toBe(false);
    expect(fake.showMessageBox).toHaveBeenCalledTimes(1);
    expect(fake.showMessageBox.mock.calls[0]![0]).toMatchObject({ detail: 'https://example.com/page', cancelId: 0, defaultId: 0 });
    expect(fake.openExternal).not.toHaveBeenCalled();

    fake.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    expect(await open('http://example.com/page')).toBe(true);
    expect(fake.openExternal).toHaveBeenCalledWith('http://example.com/page');
  });

  it('shows the parsed URL in the question (punycode host) and opens exactly that', async () => {
    fake.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    await open('https://exаmple.com/a b'); // Cyrillic "а"
    const shown = (fake.showMessageBox.mock.calls[0]![0] as { detail: string }).detail;
    expect(shown).toBe('https://xn--exmple-4nf.com/a%20b');
    expect(fake.openExternal).toHaveBeenCalledWith(shown);
  });

  it('attaches the question to the focused window', async () => {
    fake.focused = { id: 1 };
    await open('https://example.com/');
    expect(fake.showMessageBox.mock.calls[0]![0]).toBe(fake.focused);
  });

  it('never hands other schemes to the OS, and does not ask', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      expect(await open(url)).toBe(false);
    }
    expect(fake.showMessageBox).not.toHaveBeenCalled();
    expect(fake.openExternal).not.toHaveBeenCalled();
  });
});
