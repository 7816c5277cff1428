/**
 * End-to-end tests of the renderer through the browser host (`profile-desk serve`) in Debian's
 * Chromium. Each test gets a fresh data folder and its own host (tests/e2e/support/fixtures.ts).
 * The same specs can drive the real Electron app (project "electron") where a binary exists;
 * on machines without one that project skips loudly.
 */
import { defineConfig } from '@playwright/test';
import type { Target } from './tests/e2e/support/fixtures';

const CHROMIUM = process.env.PROFILE_DESK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig<{ target: Target }>({
  globalSetup: './tests/e2e/support/global-setup.ts',
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  // No retries: a test that needs one is a bug to fix, not to hide.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', target: 'browser' } },
    // The same specs against the real app; every test skips with "no Electron binary on this
    // machine" where `electron` has no binary (build first, and run scripts/electron-native.mjs).
    { name: 'electron', use: { target: 'electron' } },
  ],
});
