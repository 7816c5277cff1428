/**
 * The fixtures every spec uses: a fresh data folder per test, the app under test (browser host
 * in Chromium, or the Electron app where a binary exists), an API handle for setup and
 * expected values, and page objects. Uncaught page errors, CSP violations and AG Grid errors
 * fail the test.
 */
import { test as base, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { bridgeApi, httpApi, type Api } from './api';
import { ELECTRON_MAIN, electronBinary, NO_ELECTRON } from './electron';
import { startHost, type Host } from './host';

export type Target = 'browser' | 'electron';

interface TestFixtures {
  dataDir: string;
  host: Host | null;
  electronApp: ElectronApplication | null;
  api: Api;
  app: AppPage;
}

interface WorkerFixtures {
  /** Which host the specs drive; set per Playwright project. */
  target: Target;
}

const SERIOUS = /Content Security Policy|Refused to (load|execute|apply|connect)|AG Grid: error|ag-grid.*#\d+/i;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: ['browser', { option: true, scope: 'worker' }],

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern for a fixture without dependencies
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'profile-desk-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  host: async ({ target, dataDir }, use) => {
    if (target !== 'browser') {
      await use(null);
      return;
    }
    const host = await startHost(dataDir);
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },

  electronApp: async ({ target, dataDir }, use) => {
    if (target !== 'electron') {
      await use(null);
      return;
    }
    const executablePath = electronBinary();
    test.skip(!executablePath, NO_ELECTRON);
    // The app keeps its store under <appData>/Profile Desk: point appData at the fresh folder.
    const app = await _electron.launch({
      executablePath: executablePath!,
      args: [ELECTRON_MAIN],
      env: { ...process.env, HOME: dataDir, XDG_CONFIG_HOME: dataDir, APPDATA: dataDir },
    });
    try {
      await use(app);
    } finally {
      await app.close();
    }
  },

  page: async ({ page, electronApp }, use) => {
    if (!electronApp) {
      await use(page);
      return;
    }
    const window: Page = await electronApp.firstWindow();
    await use(window);
  },

  api: async ({ host, page }, use) => {
    await use(host ? httpApi(host.origin, host.token) : bridgeApi(page));
  },

  app: async ({ page, api, host }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && SERIOUS.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await use(new AppPage(page, api, host?.url ?? null));
    expect(problems, 'page errors, CSP violations or AG Grid errors').toEqual([]);
  },
});

export { expect };
