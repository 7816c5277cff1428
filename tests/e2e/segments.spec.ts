/**
 * Segments and CSV export through the UI: a query saved as a segment, listed with its live
 * count, opened in the grid, exported (the downloaded file checked row by row against the API),
 * renamed and deleted; a static list from a CSV reports the id that matches nobody.
 */
import { parse } from 'csv-parse/sync';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileRow } from '../../common/keys';
import { loadSample } from './support/api';
import { DEFAULT_USER_COLUMNS } from './support/data';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';
import { SegmentsPanel } from './pages/SegmentsPanel';

const TIME_COLUMNS = new Set(['first_seen', 'last_seen']);
const NUMBER_COLUMNS = new Set(['session_count']);

/** A cell as the export writes it, computed here from the API's row (not by the export code). */
function expectedCell(key: string, value: ProfileRow[string] | undefined): string {
  if (value === null || value === undefined) return '';
  if (TIME_COLUMNS.has(key)) return new Date(typeof value === 'number' ? value : String(value)).toISOString();
  if (NUMBER_COLUMNS.has(key)) return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

test.describe('segments', () => {
  test.beforeEach(async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('saves the query as a segment, lists it with its count, opens, exports, renames and deletes it', async ({ app, api, page, dataDir, target }) => {
    test.skip(target === 'electron', 'exports go through the native save dialog in Electron');
    // Many steps, each waiting on the grid; the build machines are slow.
    test.setTimeout(180_000);
    const segments = new SegmentsPanel(page);
    const query = 'last_device_type:mobile session_count:>=2';
    const expected = (await api.call('users.count', { query })).count;
    expect(expected).toBeGreaterThan(0);

    await app.users.search.fill(query);
    await app.users.expectCount(expected);
    await app.users.root.getByRole('button', { name: 'Save as segment…' }).click();
    const save = segments.dialog('Save as segment');
    await save.getByLabel('Segment name').fill('Mobile regulars');
    await save.getByRole('button', { name: 'Save segment' }).click();
    await expect(save).toBeHidden();

    await segments.open();
    await expect(segments.count('Mobile regulars')).toHaveText(expected.toLocaleString('en-US'));
    await expect(segments.row('Mobile regulars')).toContainText(query);
    await snapBothSchemes(page, 'segments-panel');

    // Opened in the grid: the segment is a chip beside the query box, combined with the query.
    await segments.row('Mobile regulars').getByRole('button', { name: 'Open' }).click();
    await expect(app.users.root).toBeVisible();
    await expect(app.users.root.getByTestId('segment-chip')).toHaveText('Mobile regulars');
    await app.users.search.fill('');
    await app.users.expectCount(expected);
    const narrowed = (await api.call('users.count', { segment: 'Mobile regulars', query: 'session_count:>=3' })).count;
    await app.users.search.fill('session_count:>=3');
    await app.users.expectCount(narrowed);
    await app.users.search.fill('');
    await app.users.expectCount(expected);
    await snapBothSchemes(page, 'segment-in-grid');

    // Export the grid (the segment, the default columns in order) and check the file row by row.
    await app.users.root.getByRole('button', { name: 'Export CSV' }).click();
    const dialog = segments.dialog('Export CSV');
    await expect(dialog.getByTestId('export-dialog')).toContainText(`${expected.toLocaleString('en-US')} users in segment “Mobile regulars”`);
    await expect(dialog.getByLabel('Neutralise formulas')).toBeChecked();
    await expect(dialog.getByLabel('Byte order mark for Excel')).not.toBeChecked();
    await snapBothSchemes(page, 'export-dialog');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Mobile regulars.csv');
    const file = join(dataDir, 'export.csv');
    await download.saveAs(file);
    await expect(dialog.getByTestId('export-done')).toContainText(`${expected.toLocaleString('en-US')} rows`);

    const records = parse(await readFile(file, 'utf8'), { relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(DEFAULT_USER_COLUMNS);
    const { rows } = await api.call('users.page', { offset: 0, limit: 1000, segment: 'Mobile regulars' });
    expect(rows).toHaveLength(expected);
    expect(records.slice(1)).toHaveLength(expected);
    rows.forEach((row, i) => {
      expect(records[i + 1], `row ${i + 1}`).toEqual(DEFAULT_USER_COLUMNS.map((key) => expectedCell(key, row[key])));
    });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Rename, then delete with a confirmation.
    await segments.open();
    await segments.menu('Mobile regulars', 'Rename…');
    const rename = segments.dialog('Rename segment');
    await rename.getByLabel('Segment name').fill('Mobile fans');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(segments.row('Mobile fans')).toBeVisible();
    await expect(segments.row('Mobile regulars')).toHaveCount(0);
    await expect(segments.count('Mobile fans')).toHaveText(expected.toLocaleString('en-US'));
    // The grid still narrowed to it follows the new name.
    await app.goTo('Users');
    await expect(app.users.root.getByTestId('segment-chip')).toHaveText('Mobile fans');
    await app.users.expectCount(expected);

    await segments.open();
    await segments.menu('Mobile fans', 'Delete…');
    await segments.dialog('Delete segment').getByRole('button', { name: 'Delete' }).click();
    await expect(segments.empty).toBeVisible();
    expect((await api.call('segments.list', {})).segments).toEqual([]);
    await app.goTo('Users');
    await expect(app.users.root.getByTestId('segment-chip')).toHaveCount(0);
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('creates a static list from a CSV and reports the id that matches no user', async ({ app, api, page, dataDir }) => {
    const segments = new SegmentsPanel(page);
    const { rows } = await api.call('users.page', { offset: 0, limit: 3 });
    const ids = rows.map((r) => String(r.user_id));
    const csv = join(dataDir, 'vip.csv');
    await writeFile(csv, `user_id\n${ids.join('\n')}\nnobody-at-all\n`);

    await segments.open();
    await page.getByRole('button', { name: 'New static list…' }).click();
    const dialog = segments.dialog('New static list');
    await dialog.getByLabel('Segment name').fill('VIP');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: /Choose a \.csv file|CSV file/ }).click();
    await (await chooser).setFiles(csv);
    await dialog.getByRole('button', { name: 'Create list' }).click();

    const report = dialog.getByTestId('static-list-report');
    await expect(report).toContainText('3 of 4 rows matched a profile by user_id');
    await expect(report.getByTestId('unmatched-ids')).toHaveText('nobody-at-all');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(segments.count('VIP')).toHaveText('3');
    await expect(segments.row('VIP')).toContainText('Static list');

    await segments.row('VIP').getByRole('button', { name: 'Open' }).click();
    await app.users.expectCount(3);
  });
});
