import { loadSample } from './support/api';
import { bigEventsFile } from './support/data';
import { expect, test } from './support/fixtures';

test.describe('cancelling an import', () => {
  test('a cancelled import leaves the store as it was, and the window stays usable meanwhile', async ({ app, api }) => {
    test.setTimeout(240_000);
    const big = await bigEventsFile();
    await loadSample(api);
    await app.open();
    const before = await api.call('store.info', {});
    await app.users.expectCount(before.users);

    await app.importFiles([big]);
    const status = app.jobStatus;
    await expect(status).toBeVisible({ timeout: 60_000 });
    // Progress with a rate and an ETA once the first batch is through.
    await expect(status.getByTestId('job-progress-text')).toHaveText(/^\d+% · [\d.]+[kM]? events\/s · ETA \d/, { timeout: 60_000 });

    // The grid answers while the import runs.
    await app.users.search.fill('a');
    await expect(app.users.count).not.toHaveText(app.users.countText(before.users));
    await app.users.search.fill('');
    await app.goTo('Accounts');
    await expect(app.accounts.cell(0, 'account_id')).not.toBeEmpty();
    await app.goTo('Users');

    await status.getByRole('button', { name: 'Cancel import' }).click();
    await app.expectSummary('Import cancelled');
    await expect(app.summary).toContainText('store is as it was');
    await expect(app.summary.getByRole('table').first()).toContainText('profile-desk-e2e-big-');
    await app.closeSummary();
    await expect(status).toBeHidden();

    const after = await api.call('store.info', {});
    expect({ users: after.users, accounts: after.accounts }).toEqual({ users: before.users, accounts: before.accounts });
    await app.users.expectCount(before.users);
  });
});
