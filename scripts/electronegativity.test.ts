/** The Electronegativity gate: the severity/confidence bar, the allow-list, a real offline run. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockingFindings, runElectronegativity, toFindings, type Finding } from './electronegativity.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const finding = (over: Partial<Finding>): Finding => ({
  id: 'NODE_INTEGRATION_JS_CHECK',
  severity: 'HIGH',
  confidence: 'CERTAIN',
  file: 'main/electron/window.ts',
  location: '8:14',
  sample: 'N/A',
  description: '',
  ...over,
});

describe('electronegativity gate', () => {
  it('turns the tool’s issues into plain findings', () => {
    const issue = {
      id: 'PRELOAD_JS_CHECK',
      severity: { name: 'MEDIUM', value: 2 },
      confidence: { name: 'FIRM', value: 1 },
      file: 'out\\main\\index.js',
      location: { line: 2999, column: 3 },
      sample: 'preload: PRELOAD_PATH,',
      description: 'Review the use of preload scripts',
    };
    expect(toFindings([issue])).toEqual([
      { id: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'out/main/index.js', location: '2999:3', sample: 'preload: PRELOAD_PATH,', description: 'Review the use of preload scripts' },
    ]);
  });

  it('blocks HIGH and MEDIUM findings of FIRM or CERTAIN confidence only', () => {
    const findings = [
      finding({ severity: 'HIGH', confidence: 'CERTAIN' }),
      finding({ severity: 'MEDIUM', confidence: 'FIRM' }),
      finding({ severity: 'MEDIUM', confidence: 'TENTATIVE' }),
      finding({ severity: 'LOW', confidence: 'CERTAIN' }),
      finding({ severity: 'INFORMATIONAL', confidence: 'CERTAIN' }),
    ];
    expect(blockingFindings(findings)).toEqual(findings.slice(0, 2));
  });

  it('allows the preload review and auxclick on the main window, nowhere else', () => {
    for (const id of ['PRELOAD_JS_CHECK', 'AUXCLICK_JS_CHECK']) {
      expect(blockingFindings([finding({ id, severity: 'MEDIUM', confidence: 'FIRM', file: 'main/electron/window.ts' })])).toEqual([]);
      expect(blockingFindings([finding({ id, severity: 'MEDIUM', confidence: 'FIRM', file: 'out/main/index.js' })])).toEqual([]);
      expect(blockingFindings([finding({ id, severity: 'MEDIUM', confidence: 'FIRM', file: 'main/electron/other-window.ts' })])).toHaveLength(1);
    }
    expect(blockingFindings([finding({ id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/electron/window.ts' })])).toHaveLength(1);
  });

  it('allows auxclick on the Salesforce sign-in window, but not the preload review', () => {
    const file = 'main/electron/oauth-window.ts';
    expect(blockingFindings([finding({ id: 'AUXCLICK_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file })])).toEqual([]);
    expect(blockingFindings([finding({ id: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file })])).toHaveLength(1);
  });
});

describe('electronegativity run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-desk-electronegativity-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds an insecure window in a small app, offline', async () => {
    const app = join(dir, 'app');
    mkdirSync(app);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'x', main: 'main.js', devDependencies: { electron: pkg.devDependencies.electron } }));
    writeFileSync(
      join(app, 'main.js'),
      "const { BrowserWindow } = require('electron');\nconst win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\nwin.loadURL('http://example.com/');\n",
    );
    const { findings, errors } = await runElectronegativity(root, app);
    expect(errors).toEqual([]);
    const ids = blockingFindings(findings).map((f) => f.id);
    // No isolation, no sandbox, no navigation limits, no permission handler, plain http.
    expect(ids).toEqual(expect.arrayContaining([
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
    ]));
    // The allow-list is for our main window only, not any window named in main.js.
    expect(ids).toContain('AUXCLICK_JS_CHECK');
  }, 120_000);

  it('reports a file it cannot parse', async () => {
    const app = join(dir, 'broken');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'x', devDependencies: { electron: '^45.0.0' } }));
    writeFileSync(join(app, 'main.js'), 'const = = ;\n');
    const { errors } = await runElectronegativity(root, app);
    expect(errors.map((e) => e.file)).toEqual(['main.js']);
  }, 120_000);
});
