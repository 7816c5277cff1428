/**
 * How `imports.start` turns the names it is given into host paths, and how those paths are
 * shown back. Each host supplies its own policy: the CLI takes paths as given, the Electron
 * shell only paths the user granted in a dialog or by dropping, the browser host only upload
 * ids (a web page must never make the host read arbitrary files).
 */
import type { ImportSummary } from '../../common/types';
import type { ImportSources } from './types';

/** The CLI's policy: a name is a host path, shown as given. */
export const hostPaths: ImportSources = {
  resolve: (name) => name,
  display: (path) => path,
};

/**
 * Resolves every name, or none: when one is refused, those already resolved are handed back
 * (`release`) so a browser upload stays usable, and the refusal propagates.
 */
export function resolveAll(sources: ImportSources, names: string[]): string[] {
  const paths: string[] = [];
  try {
    for (const name of names) paths.push(sources.resolve(name));
  } catch (err) {
    if (paths.length > 0) sources.release?.(paths);
    throw err;
  }
  return paths;
}

/** Replaces each host path in a text (an error message) by how it is shown. */
export function displayText(sources: ImportSources, paths: string[], text: string): string {
  let out = text;
  // Longest first, so a path that prefixes another is not replaced inside it.
  for (const path of [...paths].sort((a, b) => b.length - a.length)) {
    const shown = sources.display(path);
    if (shown !== path) out = out.split(path).join(shown);
  }
  return out;
}

/** The summary as the caller may see it: files named by `display`, never by host path. */
export function displaySummary(sources: ImportSources, paths: string[], summary: ImportSummary): ImportSummary {
  const text = (s: string): string => displayText(sources, paths, s);
  return {
    ...summary,
    files: summary.files.map((f) => ({
      ...f,
      file: sources.display(f.file),
      ...(f.error === undefined ? {} : { error: text(f.error) }),
    })),
    errors: summary.errors.map((e) => ({ ...e, file: sources.display(e.file), reason: text(e.reason) })),
  };
}
