import { loadSample } from './support/api';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';

test.describe('profile detail', () => {
  test.beforeEach(async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('a user shows pages, actions, sessions and grouped attributes, and links to the account', async ({ app, api }) => {
    // A busy user with an account: the most sessions.
    const { rows } = await api.call('users.page', {
      offset: 0,
      limit: 1,
      sort: [{ key: 'session_count', dir: 'desc' }],
      filter: { op: 'exists', key: 'account_id' },
    });
    const userId = String(rows[0]!.user_id);
    const user = await api.call('users.get', { id: userId });
    expect(user.pages.length).toBeGreaterThan(0);

    await app.users.search.fill(userId);
    await app.users.expectCount(1);
    await app.users.cell(0, 'user_email').click();
    await app.detail.expectUser(userId);

    await expect(app.detail.heading('Most visited pages')).toBeVisible();
    await expect(app.detail.section('Most visited pages')).toContainText(user.pages[0]!.path);
    await expect(app.detail.heading('Frequent actions')).toBeVisible();
    if (user.actions.length > 0) await expect(app.detail.section('Frequent actions')).toContainText(user.actions[0]!.name);
    await expect(app.detail.heading('Sessions')).toBeVisible();
    const sessions = app.detail.dialog.getByTestId('sessions-table');
    await expect(sessions.locator('tbody tr')).toHaveCount(user.sessions.length);
    for (const column of ['Start', 'Duration', 'Views', 'Actions', 'Errors', 'Country', 'Device', 'Browser']) {
      await expect(sessions.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    }
    for (const group of ['Identity', 'Time', 'Application', 'Geo', 'Device', 'OS', 'Browser']) {
      await expect(app.detail.dialog.getByLabel(`${group} attributes`)).toBeVisible();
    }
    await snapBothSchemes(app.page, 'user-detail');

    // The account, and back to a user from its list.
    await app.detail.dialog.getByTestId('open-account').click();
    await app.detail.expectAccount(user.account!.account_id);
    const account = await api.call('accounts.get', { id: user.account!.account_id });
    const usersTable = app.detail.dialog.getByTestId('account-users');
    await expect(usersTable.locator('tbody tr')).toHaveCount(account.users.length);
    await expect(usersTable.locator(`tr[data-user-id="${userId}"]`)).toBeVisible();
    await snapBothSchemes(app.page, 'account-detail');

    const other = account.users.find((u) => String(u.user_id) !== userId) ?? account.users[0]!;
    await usersTable.locator(`tr[data-user-id="${String(other.user_id)}"]`).click();
    await app.detail.expectUser(String(other.user_id));
    await app.detail.back();
    await app.detail.expectAccount(user.account!.account_id);
    await app.detail.back();
    await app.detail.expectUser(userId);
    await app.detail.close();
  });

  test('opening and closing a profile keeps the grid scroll, sort and filters', async ({ app, api }) => {
    const devices = await app.users.openFilter('last_device_type');
    await devices.getByRole('checkbox', { name: /^desktop/ }).check();
    await app.users.closePopup();
    const desktop = (await api.call('users.count', { filter: { op: 'eq', key: 'last_device_type', value: 'desktop' } })).count;
    await app.users.expectCount(desktop);
    await app.users.sortBy('first_seen');
    await expect(app.users.header('first_seen')).toHaveAttribute('aria-sort', 'descending');

    await app.users.viewport.evaluate((el) => el.scrollTo({ top: 34 * 300 }));
    await expect(app.users.row(310)).toBeVisible();
    const top = await app.users.scrollTop();
    const id = await app.users.cellText(305, 'user_id');
    await app.users.cell(305, 'user_email').click();
    await app.detail.expectUser(id);
    await app.detail.close();

    expect(await app.users.scrollTop()).toBe(top);
    await expect(app.users.header('first_seen')).toHaveAttribute('aria-sort', 'descending');
    await app.users.expectCount(desktop);
    await expect(app.users.row(305).locator('.ag-cell[col-id="user_id"]')).toHaveText(id);
    await expect(app.users.row(305)).toHaveClass(/ag-row-selected/);
  });

  test('the accounts grid opens account details', async ({ app, api }) => {
    await app.goTo('Accounts');
    const info = await api.call('store.info', {});
    await app.accounts.expectCount(info.accounts);
    await snapBothSchemes(app.page, 'accounts');
    const first = await app.accounts.cellText(0, 'account_id');
    await app.accounts.cell(0, 'account_name').click();
    await app.detail.expectAccount(first);
    await expect(app.detail.heading('Users')).toBeVisible();
    await app.detail.close();
    // Back to Users: its grid is where it was.
    await app.goTo('Users');
    await app.users.expectCount(info.users);
  });
});
