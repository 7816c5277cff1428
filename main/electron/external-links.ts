/**
 * Every link that leaves the app goes through `openExternalSafely`: the menu's project page, and
 * links the page tries to open or navigate to. shell.openExternal hands a URL to the OS, which
 * runs whatever handles its scheme (file:, smb:, ms-msdt:, custom app schemes…), so only http
 * and https pass; the app's own docs hosts open directly, anything else after the user agrees.
 */
import { BrowserWindow, dialog, shell } from 'electron';
import pkg from '../../package.json';

export type LinkDecision = 'open' | 'ask' | 'refuse';

/** The hosts of the app's own pages, from package.json `homepage` (none when it has none). */
export function docsHosts(manifest: { homepage?: unknown } = pkg as { homepage?: unknown }): ReadonlySet<string> {
  if (typeof manifest.homepage !== 'string') return new Set();
  try {
    const { protocol, hostname } = new URL(manifest.homepage);
    return protocol === 'https:' || protocol === 'http:' ? new Set([hostname]) : new Set();
  } catch {
    return new Set();
  }
}

/** What to do with a URL, and the URL as it will be opened (parsed, so shown as the OS sees it). */
export function classifyLink(url: string, trustedHosts: ReadonlySet<string>): { decision: LinkDecision; href: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { decision: 'refuse', href: '' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { decision: 'refuse', href: parsed.href };
  // Trusted only over https and without credentials (`https://docs.example@evil.example`
  // already parses to the evil host; a user:password part is never needed for our docs).
  const trusted =
    parsed.protocol === 'https:' && !parsed.username && !parsed.password && trustedHosts.has(parsed.hostname);
  return { decision: trusted ? 'open' : 'ask', href: parsed.href };
}

export interface OpenExternalOptions {
  /** The window the confirmation belongs to; the focused one by default. */
  parent?: BrowserWindow | null;
  trustedHosts?: ReadonlySet<string>;
}

/** Opens http(s) links in the user's browser, asking first unless they are the app's docs. */
export async function openExternalSafely(url: string, options: OpenExternalOptions = {}): Promise<boolean> {
  const { decision, href } = classifyLink(url, options.trustedHosts ?? docsHosts());
  if (decision === 'refuse') return false;
  if (decision === 'ask') {
    const parent = options.parent === undefined ? BrowserWindow.getFocusedWindow() : options.parent;
    const question: Electron.MessageBoxOptions = {
      type: 'question',
      title: 'Open link',
      message: 'Open this link in your browser?',
      // The parsed href: punycode hosts and escaped characters, no look-alike tricks.
      detail: href,
      buttons: ['Cancel', 'Open link'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const { response } = parent ? await dialog.showMessageBox(parent, question) : await dialog.showMessageBox(question);
    if (response !== 1) return false;
  }
  await shell.openExternal(href);
  return true;
}
