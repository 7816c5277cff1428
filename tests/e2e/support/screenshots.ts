import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './host';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/**
 * Saves the page in the light and the dark scheme (`<name>-light.png`, `<name>-dark.png`) by
 * switching the OS preference the app follows, then restores it.
 */
export async function snapBothSchemes(page: Page, name: string, prefix = ''): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // No focus ring or hover left over from the steps before.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    // Let transitions (drawer, hover colours) settle.
    await page.waitForTimeout(350);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${prefix}${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
