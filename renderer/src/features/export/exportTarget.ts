/**
 * Where an export goes, per host: Electron asks the user with the native save dialog (the main
 * process then lets exports.start write that path, once); the browser host writes a private
 * file and hands it over as a download (`GET /api/download/<id>`, main/serve/downloads.ts).
 */
import { API_PREFIX } from '../../../../common/bridge';
import { getTransport } from '../../api';
import { readToken } from '../../api/httpTransport';

/** A file name for an export: the characters a file system dislikes replaced, `.csv` at the end. */
export function exportFileName(base: string): string {
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 120);
  const name = cleaned === '' ? 'export' : cleaned;
  return /\.csv$/i.test(name) ? name : `${name}.csv`;
}

/** The target for exports.start, or null when the user cancelled the save dialog. */
export async function chooseExportTarget(fileName: string): Promise<string | null> {
  if (getTransport().kind === 'electron' && window.profileDesk) return window.profileDesk.chooseExportPath(fileName);
  return `download:${fileName}`;
}

/** The URL a finished browser-host export is fetched from (once). */
export function downloadUrl(id: string, token: string = readToken()): string {
  return `${API_PREFIX}download/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`;
}

/** Starts the browser's download of a finished export through a hidden link. */
export function startDownload(id: string): void {
  const link = document.createElement('a');
  link.href = downloadUrl(id);
  // The server's Content-Disposition names the file; `download` keeps the page where it is.
  link.download = '';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
