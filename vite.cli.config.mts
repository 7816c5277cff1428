/**
 * Builds the `profile-desk` CLI (and the browser host inside it) for plain Node into out/cli.
 * The import worker is a second entry because the core spawns it as
 * `new URL('./import-worker.js', import.meta.url)`, i.e. next to the bundle.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { chmodExecutable, copyDir } from './scripts/vite-copy-dir.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const deps = Object.keys(pkg.dependencies ?? {});
// Dependencies stay in node_modules (better-sqlite3 is native); `drizzle-orm/...` subpaths too.
const external = [
  ...builtinModules.flatMap((m) => [m, `node:${m}`]),
  ...deps.flatMap((d) => [d, new RegExp(`^${d}/`)]),
];

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/cli',
    // Not emptied, and chunk names without hashes: a `serve` that is running while the CLI is
    // rebuilt (e2e tests, a second terminal) must still find the chunks its worker imports.
    emptyOutDir: false,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        cli: resolve('main/cli.ts'),
        'import-worker': resolve('main/core/ingest/worker.ts'),
        'sync-worker': resolve('main/core/attributes/sync-worker.ts'),
        'feed-worker': resolve('main/core/feeds/feed-worker.ts'),
        'id-worker': resolve('main/core/query/id-worker.ts'),
      },
      external,
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Flat, so import.meta.url in any chunk finds ./import-worker.js and ./migrations.
        chunkFileNames: '[name].js',
        banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  ssr: { target: 'node', external: deps },
  plugins: [copyDir('main/core/store/migrations', 'migrations'), chmodExecutable(['cli.js'])],
});
