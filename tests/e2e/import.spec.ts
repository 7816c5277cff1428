import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSample } from './support/api';
import { badRecordsFile, eventsFile, RUM_FIXTURES } from './support/data';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';

test.describe('import', () => {
  test('a fresh store offers import and the sample; loading the sample fills the grids', async ({ app, api }) => {
    await app.open();
    const empty = app.users.emptyState;
    await expect(empty).toBeVisible();
    await expect(empty.getByRole('button', { name: 'Import events…' })).toBeVisible();
    await expect(empty.getByRole('button', { name: 'Load sample data' })).toBeVisible();
    await snapBothSchemes(app.page, 'empty-state');

    await empty.getByRole('button', { name: 'Load sample data' }).click();
    await app.expectSummary('Sample data loaded');
    const info = await api.call('store.info', {});
    expect(info.users).toBeGreaterThan(0);
    await expect(app.summary.getByTestId('summary-users')).toContainText(`${info.users.toLocaleString('en-US')} new`);
    await snapBothSchemes(app.page, 'import-summary');
    await app.closeSummary();

    await app.users.expectCount(info.users);
    await expect(app.users.cell(0, 'user_id')).not.toBeEmpty();
    await expect(app.nav.getByText(info.users.toLocaleString('en-US'))).toBeVisible();
  });

  test('imports picked files (uploaded to the host) and summarises them', async ({ app, api, dataDir }) => {
    const generated = await eventsFile(dataDir, 'generated.ndjson', { users: 40, events: 1500, seed: 3 });
    const page = join(RUM_FIXTURES, 'api__Search-RUM-events-returns-OK-response-with-pagination_2020559724.entry0.response.json');
    const sdk = join(RUM_FIXTURES, 'sdk__view.json');
    await app.open();

    await app.importFiles([generated, page, sdk]);
    await app.expectSummary('Import finished');
    const files = app.summary.getByRole('table').first();
    for (const name of ['generated.ndjson', 'api__Search-RUM-events-returns-OK-response-with-pagination_2020559724.entry0.response.json', 'sdk__view.json']) {
      await expect(files.getByText(name, { exact: true })).toBeVisible();
    }
    const info = await api.call('store.info', {});
    await expect(app.summary.getByTestId('summary-users')).toContainText(`${info.users.toLocaleString('en-US')} new`);
    await app.closeSummary();
    await app.users.expectCount(info.users);
  });

  test('reports skipped records with file and line', async ({ app, dataDir }) => {
    const mixed = await badRecordsFile(dataDir);
    await app.open();
    await app.importFiles([mixed]);
    await app.expectSummary('Import finished');
    const errors = app.summary.getByTestId('summary-errors');
    await expect(errors).toBeVisible();
    await expect(errors.getByRole('row').filter({ hasText: 'mixed-records.ndjson' })).toHaveCount(2);
    await expect(errors.getByRole('cell', { name: '2', exact: true })).toBeVisible();
    await expect(errors.getByRole('cell', { name: '3', exact: true })).toBeVisible();
    await app.closeSummary();
    await app.users.expectCount(2);
  });

  test('files that are not RUM events are reported clearly', async ({ app, dataDir }) => {
    const broken = join(dataDir, 'broken.bin');
    await writeFile(broken, Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, ...Array.from({ length: 2000 }, (_, i) => i % 256)]));
    const good = await eventsFile(dataDir, 'good.ndjson', { users: 5, events: 100, seed: 5 });
    await app.open();

    await app.importFiles([broken, good]);
    await app.expectSummary('Import finished with problems');
    await expect(app.summary.getByTestId('failed-files')).toContainText('broken.bin');
    await expect(app.summary.getByRole('row').filter({ hasText: 'broken.bin' })).toContainText('failed');
    await expect(app.summary.getByRole('row').filter({ hasText: 'good.ndjson' })).toContainText('imported');
    await app.closeSummary();

    await app.importFiles([broken]);
    await app.expectSummary('Import failed');
    await expect(app.summary.getByTestId('failed-files')).toContainText('broken.bin');
    await app.closeSummary();
  });

  test('files dropped on the window are imported', async ({ app, api, dataDir }) => {
    const path = await eventsFile(dataDir, 'dropped.ndjson', { users: 12, events: 300, seed: 11 });
    const text = await readFile(path, 'utf8');
    await app.open();

    const dataTransfer = await app.page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.ndjson', { type: 'application/x-ndjson' }));
      return dt;
    }, text);
    await app.page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await expect(app.page.getByTestId('drop-overlay')).toBeVisible();
    await app.page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect(app.page.getByTestId('drop-overlay')).toBeHidden();

    await app.expectSummary('Import finished');
    await expect(app.summary.getByText('dropped.ndjson', { exact: true })).toBeVisible();
    await app.closeSummary();
    const info = await api.call('store.info', {});
    expect(info.users).toBe(12);
    await app.users.expectCount(12);
  });

  test('keyboard: Ctrl+O opens the picker, / and Ctrl+F focus the search', async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);

    const chooser = app.page.waitForEvent('filechooser');
    await app.page.keyboard.press('Control+o');
    expect((await chooser).isMultiple()).toBe(true);

    await app.page.locator('body').click({ position: { x: 5, y: 200 } });
    await app.page.keyboard.press('/');
    await expect(app.users.search).toBeFocused();
    await expect(app.users.search).toHaveValue('');
    await app.users.search.blur();
    await app.page.keyboard.press('Control+f');
    await expect(app.users.search).toBeFocused();
  });
});
