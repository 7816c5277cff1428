/**
 * Builds the Electron app into out/: main (+ the import worker), preload, renderer.
 *
 * electron-vite only discovers src/main, src/preload and src/renderer by itself, so every entry
 * is given explicitly.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { CSP, DEV_CSP } from './common/csp';
import { copyDir } from './scripts/vite-copy-dir.mjs';
import { cspMeta } from './scripts/vite-csp-meta';

const MIGRATIONS = 'main/core/store/migrations';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('main/index.ts'),
          // The core spawns `new URL('./import-worker.js', import.meta.url)`.
          'import-worker': resolve('main/core/ingest/worker.ts'),
          'sync-worker': resolve('main/core/attributes/sync-worker.ts'),
          'feed-worker': resolve('main/core/feeds/feed-worker.ts'),
          'id-worker': resolve('main/core/query/id-worker.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          // Shared chunks stay flat beside the entries: `import.meta.url` inside a chunk must
          // resolve ./import-worker.js and ./migrations to the same folder as in index.js.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
    plugins: [copyDir(MIGRATIONS, 'migrations')],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preloads are loaded as CommonJS scripts; they cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the renderer is also served to browsers.
      minify: true,
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
    // index.html's meta tag gets the CSP both hosts send as a header (common/csp.ts).
    plugins: [react(), cspMeta(CSP, DEV_CSP)],
  },
});
