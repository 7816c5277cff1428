/**
 * Saves text the renderer generated as a file: a Blob behind a temporary link. Chromium (the
 * browser host) downloads it; Electron's session shows its save dialog for it.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the Blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
