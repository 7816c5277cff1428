/**
 * Vite plugins shared by electron.vite.config.ts and vite.cli.config.mts. Plain JS (typed by
 * vite-copy-dir.d.mts) so Vite's native config loader can import it with its extension.
 *
 * The core locates its drizzle migrations as `new URL('./migrations', import.meta.url)`, so the
 * migrations folder must sit next to every bundle that contains the core. Bundlers only emit
 * what is imported, hence this copy step.
 */
import { chmodSync, cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Copies the folder `from` to `<outDir>/<to>` after the bundle is written. */
export function copyDir(from, to) {
  let outDir = '';
  return {
    name: 'profile-desk:copy-dir',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const source = resolve(from);
      // A missing folder means the core would fail at first launch: stop the build instead.
      if (!existsSync(source)) throw new Error(`copy-dir: ${source} does not exist`);
      const target = join(outDir, to);
      rmSync(target, { recursive: true, force: true });
      cpSync(source, target, { recursive: true });
    },
  };
}

/** Marks the named output files executable (the CLI's `bin` entry). */
export function chmodExecutable(fileNames) {
  let outDir = '';
  return {
    name: 'profile-desk:chmod',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const name of fileNames) chmodSync(join(outDir, name), 0o755);
    },
  };
}
