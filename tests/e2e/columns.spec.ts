import { loadSample } from './support/api';
import { DEFAULT_USER_COLUMNS } from './support/data';
import { expect, test } from './support/fixtures';

test.describe('column chooser', () => {
  test('picks, orders and pins columns, and keeps them after a reload', async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);

    const chooser = await app.users.openColumnChooser();
    await chooser.getByRole('checkbox', { name: 'Email', exact: true }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Views', exact: true }).check();
    await chooser.getByRole('checkbox', { name: 'Last OS', exact: true }).check();
    await chooser.getByRole('button', { name: 'Move Last OS up' }).click();
    await chooser.getByRole('button', { name: 'Pin User ID' }).click();
    await app.page.keyboard.press('Escape');

    const expected = ['user_id', 'user_name', 'first_seen', 'last_seen', 'last_country_code', 'last_device_type', 'last_browser_name', 'session_count', 'last_os_name', 'view_count'];
    await expect.poll(() => app.users.columnIds()).toEqual(expected);
    expect(await app.users.header('user_id').evaluate((el) => el.closest('[class*="pinned-left"]') !== null)).toBe(true);
    await expect(app.users.cell(0, 'view_count')).not.toBeEmpty();
    await expect(app.users.header('user_email')).toHaveCount(0);

    // Saved per page in prefs, and back after a reload.
    await expect
      .poll(async () => {
        const stored = (await api.call('prefs.get', { key: 'grid.users.columns' })).value as { columns: Array<{ key: string; pinned: string | null }> } | null;
        return stored?.columns.map((c) => `${c.key}${c.pinned ? `:${c.pinned}` : ''}`).sort();
      })
      .toEqual(expected.map((k) => (k === 'user_id' ? 'user_id:left' : k)).sort());
    await app.reload();
    await expect.poll(() => app.users.columnIds()).toEqual(expected);

    // The accounts page has its own layout, untouched.
    await app.goTo('Accounts');
    await expect.poll(() => app.accounts.columnIds()).toEqual(['account_name', 'account_id', 'user_count', 'session_count', 'first_seen', 'last_seen']);

    // Reset brings the defaults back.
    await app.goTo('Users');
    const again = await app.users.openColumnChooser();
    await again.getByRole('button', { name: 'Reset to default' }).click();
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.users.columnIds()).toEqual(DEFAULT_USER_COLUMNS);
  });
});
