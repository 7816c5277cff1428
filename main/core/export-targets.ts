/**
 * Where `exports.start` writes, per host: the CLI writes host paths as given and `-` to
 * stdout; the Electron shell only paths the user chose in a save dialog; the browser host a
 * private temp file it then serves as a download.
 */
import { basename } from 'node:path';
import type { ExportTargets } from './types';

export const STDOUT_TARGET = '-';

/** The CLI's policy. */
export const hostTargets: ExportTargets = {
  open: (target) =>
    target === STDOUT_TARGET ? { stream: process.stdout, display: 'standard output' } : { path: target, display: basename(target) },
};
