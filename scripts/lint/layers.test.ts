// The layering is only as good as the lint that enforces it: each case lints a small fixture
// placed (virtually) in one layer with the project's real ESLint config.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    ['main/core/query/fixture.ts', "import { serve } from '../../serve';", 'core may not import serve'],
    ['main/core/fixture.ts', "import { run } from '../cli/run';", 'core may not import cli'],
    ['main/core/fixture.ts', "import { registerIpc } from '../electron/ipc';", 'core may not import electron'],
    ['main/cli/fixture.ts', "import { startServer } from '../serve/server';", 'cli may not import serve'],
    ['main/serve/fixture.ts', "import { run } from '../cli/run';", 'serve may not import cli'],
    ['main/electron/fixture.ts', "import { CSP } from '../serve/http';", 'electron may not import serve'],
    ['main/core/fixture.ts', "import { x } from '../../tests/integration/helpers';", 'core may not import tests'],
    ['renderer/src/fixture.ts', "import { createCore } from '../../main/core/core';", 'renderer may not import core'],
    ['renderer/src/fixture.ts', "import { x } from '../../preload/index';", 'renderer may not import preload'],
    ['common/fixture.ts', "import { x } from '../renderer/src/lib/format';", 'common may not import renderer'],
    ['preload/fixture.ts', "import { x } from '../main/core/core';", 'preload may not import core'],
    ['main/core/fixture.ts', "export * from '../serve/http';", 'core may not import serve'],
    ['main/core/fixture.ts', "const m = await import('../electron/menu');", 'core may not import electron'],
  ])('%s: %s', async (file, code, expected) => {
    const found = (await problems(file, code)).filter((p) => p.startsWith('profile-desk/layers'));
    if (expected === null) expect(found).toEqual([]);
    else expect(found.join('\n')).toContain(expected);
  });

  it.each([
    ['main/core/fixture.ts', "import { methods } from '../../common/contract';"],
    ['main/cli/fixture.ts', "import { serve } from '../serve';"],
    ['main/cli/fixture.ts', "import { createCore } from '../core/core';"],
    ['main/electron/fixture.ts', "import pkg from '../../package.json';"],
    ['renderer/src/fixture.ts', "import { CSP } from '../../common/csp';"],
  ])('%s may %s', async (file, code) => {
    expect((await problems(file, code)).filter((p) => p.startsWith('profile-desk/layers'))).toEqual([]);
  });

  it('packages: the core never imports electron, the renderer never Node', async () => {
    expect((await problems('main/core/fixture.ts', "import { app } from 'electron';")).join()).toContain('never import electron');
    expect((await problems('renderer/src/fixture.ts', "import { readFileSync } from 'node:fs';")).join()).toContain('never uses Node');
    expect((await problems('common/fixture.ts', "import { useState } from 'react';")).join()).toContain('plain shared code');
  });
});
