import type { Plugin } from 'vite';

/** Copies the folder `from` to `<outDir>/<to>` after the bundle is written. */
export function copyDir(from: string, to: string): Plugin;
/** Marks the named output files executable (the CLI's `bin` entry). */
export function chmodExecutable(fileNames: string[]): Plugin;
