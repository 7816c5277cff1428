/**
 * A store far bigger than a browser can lay out at full height (5M rows × 34 px ≈ 170M px,
 * where Chromium caps an element near 33.5M px). The core's side is benchmarked elsewhere; here
 * the HTTP answers are stubbed so the renderer alone is tested: the scroll range is scaled, and
 * the last row can be reached and shows its own data.
 */
import type { ProfileRow } from '../../common/keys';
import { expect, test } from './support/fixtures';

const ROWS = 5_000_000;

function row(i: number): ProfileRow {
  return {
    user_id: `u-${String(i).padStart(7, '0')}`,
    user_email: `user${i}@example.com`,
    user_name: `User ${i}`,
    first_seen: '2025-01-01T00:00:00.000Z',
    last_seen: new Date(Date.UTC(2025, 2, 1) - i * 1000).toISOString(),
    last_country_code: 'FR',
    last_device_type: 'desktop',
    last_browser_name: 'Chrome',
    session_count: (i % 9) + 1,
  };
}

test.describe('a 5M-user store', () => {
  test('the last row can be reached and shows its data', async ({ app, page, host }) => {
    test.skip(!host, 'stubs the browser host HTTP API');
    const asked: number[] = [];
    await page.route('**/api/store.info', (r) => r.fulfill({ json: { ok: true, value: { dbPath: '/big/profiles.db', users: ROWS, accounts: 0 } } }));
    await page.route('**/api/users.count', (r) => r.fulfill({ json: { ok: true, value: { count: ROWS } } }));
    await page.route('**/api/users.page', (r) => {
      const { offset, limit } = r.request().postDataJSON() as { offset: number; limit: number };
      asked.push(offset);
      const rows: ProfileRow[] = [];
      for (let i = offset; i < Math.min(ROWS, offset + limit); i += 1) rows.push(row(i));
      return r.fulfill({ json: { ok: true, value: { rows } } });
    });

    await app.open();
    await app.users.expectCount(ROWS);
    await expect(app.users.cell(0, 'user_id')).toHaveText('u-0000000');

    const height = await app.users.viewport.evaluate((el) => el.scrollHeight);
    expect(height).toBeLessThan(33_554_432);

    // Drag to the very end, as with the scrollbar.
    await app.users.viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = app.users.cell(ROWS - 1, 'user_id');
    await expect(last).toHaveText(`u-${ROWS - 1}`);
    await expect(last).toBeInViewport({ ratio: 1 });
    expect(Math.max(...asked)).toBeGreaterThanOrEqual(ROWS - 100);

    // Keyboard navigation near the end moves row by row.
    await last.click();
    await app.detail.close();
    await app.page.keyboard.press('ArrowUp');
    await expect(app.users.row(ROWS - 2)).toBeInViewport();

    // And the middle of the range is reachable too.
    await app.users.viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    const middle = app.users.root.locator('.ag-row[row-index]').first();
    await expect.poll(async () => Number(await middle.getAttribute('row-index'))).toBeGreaterThan(ROWS / 2 - 100_000);
  });
});
