/**
 * The specs drive the built app (`out/`). Builds it when it is missing, so `npx playwright test`
 * works from a fresh clone; set PROFILE_DESK_E2E_BUILD=1 to force a rebuild.
 */
import { execSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { electronBinary, NO_ELECTRON } from './electron';
import { CLI, REPO_ROOT } from './host';
import { SCREENSHOT_DIR } from './screenshots';

export default function globalSetup(config: FullConfig): void {
  // Screenshots are this run's artifacts: none left over from an earlier run.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  if (config.projects.some((p) => p.name === 'electron') && !electronBinary()) {
    process.stdout.write(`[electron] every test of the electron project is skipped: ${NO_ELECTRON} (set PROFILE_DESK_ELECTRON or install electron's binary, then run scripts/electron-native.mjs)\n`);
  }
  const built = existsSync(CLI) && existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
  if (built && process.env.PROFILE_DESK_E2E_BUILD !== '1') return;
  execSync('npm run build', { cwd: REPO_ROOT, stdio: 'inherit' });
}
