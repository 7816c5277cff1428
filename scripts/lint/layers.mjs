// An ESLint rule that enforces the layering of ARCHITECTURE.md on relative imports, by where
// the imported file really is (resolved against the importing file), not by how the specifier
// is spelled: `no-restricted-imports` patterns can't tell `../serve` in main/cli/ (a host) from
// `../serve` in main/core/query/ (a folder that doesn't exist), and can't say "only common/".
import { dirname, relative, resolve, sep } from 'node:path';

/** The layers, in the order their prefixes are tried (longest first where they nest). */
const LAYERS = [
  ['common', ['common/']],
  ['core', ['main/core/']],
  ['cli', ['main/cli/', 'main/cli.ts']],
  ['serve', ['main/serve/', 'main/serve.ts']],
  ['electron', ['main/electron/', 'main/index.ts']],
  ['preload', ['preload/']],
  ['renderer', ['renderer/']],
];

/**
 * Which layers each layer may import (itself included). The CLI binary launches the browser
 * host (`profile-desk serve`) through the host's single entry point, main/serve.ts: that one
 * file, not its internals, is the allowed edge from cli to serve.
 */
const ALLOWED = {
  common: ['common'],
  core: ['common', 'core'],
  cli: ['common', 'core', 'cli', 'serve-entry'],
  serve: ['common', 'core', 'serve'],
  electron: ['common', 'core', 'electron'],
  preload: ['common', 'preload'],
  renderer: ['common', 'renderer'],
};

/** The layer of a path relative to the project root, or null (tests, bench, scripts, config). */
export function layerOf(path) {
  const normal = path.split(sep).join('/');
  for (const [layer, prefixes] of LAYERS) {
    if (prefixes.some((p) => (p.endsWith('/') ? normal.startsWith(p) : normal === p || normal === p.replace(/\.ts$/, '')))) {
      return layer;
    }
  }
  return null;
}

function targetLayer(path) {
  const normal = path.split(sep).join('/').replace(/\.(ts|tsx|js|mjs)$/, '');
  if (normal === 'main/serve') return 'serve-entry';
  return layerOf(path);
}

/**
 * Files outside the layers: the app's own data (package.json, resources/) may be imported by
 * any layer; tests, benchmarks, scripts and anything outside the project may not.
 */
function unlayered(target) {
  if (target.startsWith('..')) return 'outside the project';
  const top = target.split(sep)[0];
  return ['tests', 'bench', 'scripts', 'main'].includes(top) ? top : null;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers below it (see ARCHITECTURE.md).' },
    schema: [],
    messages: {
      crossing: '{{from}} may not import {{to}} ({{specifier}}); allowed: {{allowed}}. See ARCHITECTURE.md "Layers".',
    },
  },
  create(context) {
    const root = context.cwd ?? process.cwd();
    const file = relative(root, context.filename ?? context.getFilename());
    const from = layerOf(file);
    if (from === null) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = relative(root, resolve(dirname(resolve(root, file)), specifier));
      const to = targetLayer(target) ?? unlayered(target);
      if (to === null) return;
      const allowed = ALLOWED[from];
      if (allowed.includes(to) || (to === 'serve-entry' && allowed.includes('serve'))) return;
      context.report({
        node,
        messageId: 'crossing',
        data: { from, to: to === 'serve-entry' ? 'serve' : to, specifier, allowed: allowed.filter((l) => l !== 'serve-entry').join(', ') },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
