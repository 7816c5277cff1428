// Lint enforces the layering of ARCHITECTURE.md: the core runs under plain Node and imports no
// host, hosts don't import each other, the renderer imports only common/, and common/ is plain
// shared code. Packages are checked by no-restricted-imports, relative imports by where the
// imported file really is (scripts/lint/layers.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './scripts/lint/layers.mjs';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'zlib', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.scratch/**', '.bench-data/**', 'main/core/store/migrations/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.{ts,tsx}', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    plugins: { 'profile-desk': layers },
    rules: { 'profile-desk/layers': 'error' },
  },
  {
    files: ['main/core/**/*.ts', 'main/cli*.ts', 'main/cli/**/*.ts', 'main/serve*.ts', 'main/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'main/core runs under plain Node: never import electron.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the API client only.' }],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer never uses Node.' },
          { group: ['**/main/**', '../../main/*'], message: 'The renderer never imports main.' },
        ],
      }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'common/ is plain shared code.' },
          { name: 'react', message: 'common/ is plain shared code.' },
        ],
        patterns: [
          { group: nodeBuiltins, message: 'common/ never uses Node.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'common/ depends on nothing.' },
        ],
      }],
    },
  },
);
