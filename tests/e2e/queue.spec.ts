import Database from 'better-sqlite3';
import { bigEventsFile, eventsFile } from './support/data';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';

/**
 * Imports run one at a time: a second one started while one runs is shown queued (with its
 * name, cancellable) and runs when the first ends; an import that finds another process
 * writing the store says it waits for it.
 */
test.describe('imports in turn', () => {
  test('a second import started while one runs is queued, then both finish', async ({ app, api, dataDir }) => {
    test.setTimeout(120_000);
    const first = await eventsFile(dataDir, 'first.ndjson', { users: 200, events: 3_000, seed: 31 });
    const second = await eventsFile(dataDir, 'second.ndjson', { users: 50, events: 800, seed: 32 });
    await app.open();
    // The first import is kept from finishing (however fast the machine) by another writer's
    // transaction on the store until the second has been seen queued behind it.
    const other = new Database((await api.call('store.info', {})).dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      await app.importFiles([first]);
      await expect(app.jobStatus).toContainText('Importing first.ndjson', { timeout: 30_000 });
      await app.importFiles([second]);

      await expect(app.queuedJob).toContainText('Queued · second.ndjson', { timeout: 30_000 });
      await expect(app.queuedJob.getByRole('button', { name: 'Cancel queued import second.ndjson' })).toBeEnabled();
      await expect(app.jobStatus).toContainText('Importing first.ndjson');
      const listed = await api.call('jobs.list', {});
      expect(listed.jobs.map((j) => [j.label, j.state])).toEqual([
        ['first.ndjson', 'waiting'],
        ['second.ndjson', 'queued'],
      ]);
      await snapBothSchemes(app.page, 'import-queued');
    } finally {
      other.exec('COMMIT');
      other.close();
    }

    // Each summary in turn: the second's does not replace the first's.
    const newUsers = async (): Promise<number> =>
      Number(/([\d,]+) new/.exec((await app.summary.getByTestId('summary-users').textContent()) ?? '')![1]!.replace(/,/g, ''));
    await app.expectSummary('Import finished');
    await expect(app.summary.getByText('first.ndjson', { exact: true })).toBeVisible();
    const fromFirst = await newUsers();
    await app.summary.getByRole('button', { name: 'Close' }).last().click();
    await expect(app.summary.getByText('second.ndjson', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(app.summaryTitle).toHaveText('Import finished');
    const fromSecond = await newUsers();
    await app.closeSummary();

    await expect(app.queuedJob).toBeHidden();
    await expect(app.jobStatus).toBeHidden();
    const info = await api.call('store.info', {});
    expect(fromFirst).toBeGreaterThan(100);
    expect(info.users).toBe(fromFirst + fromSecond);
    await app.users.expectCount(info.users);
  });

  test('a queued import cancelled never runs; the running one goes on', async ({ app, api, dataDir }) => {
    test.setTimeout(240_000);
    const big = await bigEventsFile();
    const small = await eventsFile(dataDir, 'small.ndjson', { users: 20, events: 300, seed: 33 });
    await app.open();

    await app.importFiles([big]);
    await expect(app.jobStatus).toBeVisible({ timeout: 60_000 });
    await app.importFiles([small]);
    await expect(app.queuedJob).toContainText('Queued · small.ndjson', { timeout: 30_000 });

    await app.queuedJob.getByRole('button', { name: 'Cancel queued import small.ndjson' }).click();
    await expect(app.queuedJob).toBeHidden();
    // Nothing to report for a job that never ran; the running import carries on.
    await expect(app.summary).toBeHidden();
    await expect(app.jobStatus).toBeVisible();
    expect((await api.call('jobs.list', {})).jobs.map((j) => j.label)).toEqual([expect.stringMatching(/^profile-desk-e2e-big-/)]);

    await app.jobStatus.getByRole('button', { name: 'Cancel import' }).click();
    await app.expectSummary('Import cancelled');
    await app.closeSummary();
    const info = await api.call('store.info', {});
    expect({ users: info.users, accounts: info.accounts }).toEqual({ users: 0, accounts: 0 });
  });

  test('an import waits while another process writes the store, then runs', async ({ app, api, dataDir }) => {
    const file = await eventsFile(dataDir, 'behind.ndjson', { users: 30, events: 600, seed: 34 });
    await app.open();
    // Another process's import, as far as the app can tell: a write transaction on its store.
    const other = new Database((await api.call('store.info', {})).dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      await app.importFiles([file]);
      await expect(app.jobStatus.getByTestId('job-progress-text')).toHaveText('Waiting for another import…', { timeout: 30_000 });
      expect((await api.call('jobs.list', {})).jobs.map((j) => j.state)).toEqual(['waiting']);
      await snapBothSchemes(app.page, 'import-waiting');
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await app.expectSummary('Import finished');
    await app.closeSummary();
    expect((await api.call('store.info', {})).users).toBe(30);
  });
});
