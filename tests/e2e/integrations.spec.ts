/**
 * The Integrations page: the "Add attributes" wizard run for a CSV reference table (uploaded,
 * previewed, joined on the email with a live match count, three columns named and typed,
 * saved and synced) and for the Salesforce test server (the connection created inline, a wrong
 * password named, then Contacts), each ending with the sync report and the attributes listed;
 * history, Sync now, Edit and Remove on the listed source. Screenshots of every step go to
 * /tmp/profile-desk-integrations (looked at by hand, not compared).
 */
import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSalesforceServer, type SalesforceTestServer } from '../servers/salesforce';
import { waitForIdle, type Api } from './support/api';
import { REPO_ROOT } from './support/host';
import { expect, test } from './support/fixtures';
import type { AppPage } from './pages/AppPage';
import { IntegrationsPanel } from './pages/IntegrationsPanel';

const CSV = join(REPO_ROOT, 'tests', 'fixtures', 'integrations-crm.csv');
/** The fixture's keys: 8 emails of the sample data set (one in upper case, one padded), 3 strangers, one email twice. */
const CSV_MATCHED = [
  'alice.brown128@wonkacloud66.com',
  'alice.brown1311@vandelayretail30.com',
  'alice.brown1419@nimbusbank67.com',
  'alice.brown2386@contosocloud7.com',
  'alice.brown262@umbrellamotors4.com',
  'alice.chen1448@starkdynamics24.com',
  'alice.cohen13@aperturecapital3.com',
  'alice.cohen21@waynelogistics6.com',
];
const CSV_UNMATCHED = ['nobody.one@example.org', 'nobody.two@example.org', 'former.customer@example.net'];

const SHOTS = '/tmp/profile-desk-integrations';

async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  // Let the modal's and the stepper's transitions settle.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

const en = (n: number) => n.toLocaleString('en-US');

/**
 * After the Salesforce source's first sync: `ltv` (Salesforce's "Lifetime Value") shown from the
 * column chooser and queried in the Users grid, the same query on the Analytics page, and the
 * filtered users exported. Counts come from the core's API, not from the page.
 */
async function checkLtvAcrossPages(app: AppPage, api: Api, dataDir: string): Promise<void> {
  const query = 'ltv:>100';
  const total = (await api.call('users.count', {})).count;
  const over = (await api.call('users.count', { query })).count;
  expect(over).toBeGreaterThan(0);
  expect(over).toBeLessThan(total);

  await app.goTo('Users');
  await app.users.expectCount(total);
  const chooser = await app.users.openColumnChooser();
  await chooser.getByRole('checkbox', { name: 'Lifetime Value', exact: true }).check();
  await app.page.keyboard.press('Escape');
  await expect.poll(() => app.users.columnIds()).toContain('ltv');
  await app.users.typeQuery(query);
  await app.users.expectCount(over);
  await expect(app.users.queryError).toHaveCount(0);
  // Leave the box (Escape would clear a search input) so the autocomplete doesn't cover the grid.
  await app.users.count.click();
  await expect(app.users.suggestions).toBeHidden();
  await expect(app.users.search).toHaveValue(query);
  await app.users.header('ltv').scrollIntoViewIfNeeded();
  expect(Number((await app.users.cellText(0, 'ltv')).replace(/,/g, ''))).toBeGreaterThan(100);
  await snap(app.page, '18c-sf-users-ltv');

  await app.users.root.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = app.page.getByRole('dialog').filter({ has: app.page.getByTestId('export-dialog') });
  await expect(dialog.getByTestId('export-dialog')).toContainText(`${en(over)} users`);
  const downloading = app.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = join(dataDir, 'salesforce-ltv.csv');
  await (await downloading).saveAs(file);
  const records = parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  expect(records).toHaveLength(over);
  expect(Object.keys(records[0]!)).toContain('ltv');
  for (const r of records) expect(Number(r.ltv), r.user_id).toBeGreaterThan(100);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.nav.getByText('Analytics', { exact: true }).click();
  const analytics = app.page.locator('[data-page="analytics"]');
  await analytics.getByTestId('analytics-query').fill(query);
  const volume = await api.call('sessions.volume', { interval: 'day', query });
  const sessions = volume.points.reduce((n, p) => n + p.sessions, 0);
  expect(sessions).toBeGreaterThan(0);
  await expect(analytics.getByTestId('volume-summary')).toContainText(`${en(sessions)} sessions`);
  await expect(analytics.getByTestId('volume-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(analytics.getByTestId('analytics-query')).not.toHaveAttribute('aria-invalid', 'true');
  await snap(app.page, '18d-sf-analytics-ltv');
}

test.describe('integrations', () => {
  // Many steps, each waiting on the core; the build machines are slow and shared.
  test.describe.configure({ timeout: 240_000 });

  test.beforeEach(async ({ app, api, target }) => {
    test.skip(target === 'electron', 'the CSV is uploaded through the browser host; the Electron picker is native');
    await api.call('imports.sample', {});
    await waitForIdle(api, 180_000);
    await app.open();
  });

  test('adds attributes from a CSV reference table: preview, join, names, report, listed', async ({ page, api }) => {
    // The fixture was written against the sample data set: its emails must still be there.
    for (const email of CSV_MATCHED) expect((await api.call('users.count', { query: `user_email:"${email}"` })).count, email).toBe(1);

    const integrations = new IntegrationsPanel(page);
    await integrations.open();
    await expect(integrations.empty).toContainText('No custom attributes yet');
    await snap(page, '01-empty');

    await integrations.startWizard();
    await expect(integrations.step('source').getByRole('radio', { name: /^CSV reference table/ })).toBeChecked();
    await integrations.chooseCsv(CSV);
    await expect(integrations.step('source').getByTestId('csv-file')).toContainText('integrations-crm.csv');
    await snap(page, '02-csv-source');
    await integrations.next();

    // Step 2: the file is its own table; its first rows, with quoted commas and quotes intact.
    const preview = integrations.step('table').getByTestId('source-preview');
    await expect(preview).toContainText('Plan Tier');
    await expect(preview).toContainText('Key account, renews yearly');
    await expect(preview).toContainText('Asked for "SSO" pricing');
    await snap(page, '03-csv-table');
    await integrations.next();

    // Step 3: Email ↔ user_email is suggested, and the first rows are matched live.
    const join3 = integrations.step('join');
    await expect(join3.getByLabel('Column of the table')).toHaveValue('Email');
    await expect(join3.getByLabel('Attribute of user profiles')).toHaveValue('Email (user_email)');
    await expect(join3.getByTestId('match-summary')).toHaveText('8 of the first 12 rows match a profile · 1 duplicate key');
    await snap(page, '04-csv-join');
    await integrations.next();

    // Step 4: names suggested from the columns, checked as they are typed; types from the values.
    await integrations.importColumn('LTV__c', 'ltv', 'number');
    await integrations.importColumn('Plan Tier', 'plan_tier', 'text');
    await integrations.importColumn('RENEWAL_DATE', 'renewal_date', 'time');
    const tierName = integrations.column('Plan Tier').getByLabel('Attribute name for Plan Tier');
    await tierName.fill('Tier');
    await expect(integrations.column('Plan Tier')).toContainText('Starts with a lower-case letter (a-z)');
    await expect(integrations.wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
    await tierName.fill('session_count');
    await expect(integrations.column('Plan Tier')).toContainText('“session_count” is a built-in attribute');
    await tierName.fill('ltv');
    await expect(integrations.column('Plan Tier')).toContainText('“ltv” is given to two columns');
    await snap(page, '05-csv-columns-error');
    await tierName.fill('tier');
    await expect(integrations.step('columns').locator('.mantine-TextInput-error')).toHaveCount(0);
    await snap(page, '05-csv-columns');
    await integrations.next();

    // Step 5: the source's name from the file, a schedule, then save and the first sync's report.
    const schedule = integrations.step('schedule');
    await expect(schedule.getByLabel('Source name')).toHaveValue('integrations-crm');
    await schedule.getByLabel('Source name').fill('CRM export');
    await schedule.getByText('Daily', { exact: true }).click();
    await snap(page, '06-csv-schedule');
    await integrations.wizard.getByRole('button', { name: 'Save & sync' }).click();

    const report = integrations.wizard.getByTestId('sync-report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.locator('[data-figure="Rows read"]')).toContainText('12');
    await expect(report.locator('[data-figure="Matched"]')).toContainText('8');
    await expect(report.locator('[data-figure="Unmatched"]')).toContainText('3');
    await expect(report.locator('[data-figure="Duplicates"]')).toContainText('1');
    for (const key of CSV_UNMATCHED) await expect(report).toContainText(key);
    await expect(report).toContainText('alice.brown128@wonkacloud66.com');
    await snap(page, '07-csv-report');
    await integrations.wizard.getByRole('button', { name: 'Close' }).click();
    await expect(integrations.wizard).toBeHidden();

    // Listed: each attribute with its type; the source's file, join, last sync and schedule.
    await expect(integrations.attribute('ltv')).toContainText('number');
    await expect(integrations.attribute('tier')).toContainText('text');
    await expect(integrations.attribute('renewal_date')).toContainText('time');
    const source = integrations.source('CRM export');
    await expect(source.getByTestId('source-name')).toHaveText('CRM export');
    await expect(source.getByTestId('source-join')).toContainText('Email');
    await expect(source.getByTestId('source-join')).toContainText('user_email');
    await expect(source.getByTestId('sync-status')).toHaveAttribute('data-status', 'ok');
    await expect(source.getByTestId('last-sync')).toContainText('12 rows · 8 matched');
    await expect(source.getByTestId('last-sync')).toContainText('3 unmatched · 1 dup.');
    await expect(source).toContainText('Daily');
    // The core agrees: the values are on the profiles.
    expect((await api.call('users.count', { query: 'ltv:>100' })).count).toBe(5);
    await snap(page, '08-attributes-tab');

    // History: the save's run, with the report's keys.
    await integrations.menu('CRM export', 'History…');
    const history = page.getByTestId('sync-history');
    await expect(history.getByTestId('history-table').locator('tbody tr')).toHaveCount(1);
    await expect(history.getByTestId('history-table')).toContainText('Saved');
    await expect(history.getByTestId('sync-report')).toContainText('nobody.two@example.org');
    await snap(page, '09-history');
    await page.keyboard.press('Escape');
    await expect(history).toBeHidden();

    // Sync now adds a run.
    await source.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(async () => (await api.call('sources.history', { name: 'CRM export' })).runs.length).toBe(2);
    await expect(source.getByTestId('sync-status')).toHaveAttribute('data-status', 'ok');

    // Remove: confirmed with the attributes it takes away.
    await integrations.menu('CRM export', 'Remove…');
    const remove = page.getByRole('dialog', { name: 'Remove source “CRM export”?' });
    await expect(remove).toContainText('Removes attributes ltv, tier and renewal_date from every profile.');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await expect(integrations.empty).toBeVisible();
    expect((await api.call('sources.list', {})).sources).toEqual([]);
  });

  test('adds attributes from Salesforce, creating the connection inline', async ({ page, api, app, dataDir }) => {
    const sf: SalesforceTestServer = await startSalesforceServer();
    try {
      const integrations = new IntegrationsPanel(page);
      await integrations.open();
      await integrations.startWizard();
      await integrations.chooseKind('Salesforce');
      await integrations.step('source').getByRole('button', { name: 'New connection' }).click();
      const form = integrations.step('source').getByTestId('connection-form');
      // Password inputs come with a visibility toggle labelled after them: ask for the text box.
      const field = (name: string) => form.getByRole('textbox', { name, exact: true });
      await field('Connection name').fill('Test org');
      await form.getByText('My Domain', { exact: true }).click();
      await field('My Domain URL').fill(sf.url);
      await field('Username').fill(sf.user.username);
      await field('Password').fill('wrong password');
      await field('Security token').fill(sf.user.securityToken ?? '');
      await snap(page, '11-sf-connection');
      await form.getByRole('button', { name: 'Save & test' }).click();
      await expect(form.getByTestId('connection-error')).toContainText(/password/i);
      await snap(page, '12-sf-connection-refused');

      // The secret was saved: the field says so, and a new value replaces it.
      await expect(field('Password')).toHaveAttribute('placeholder', '•••• saved — leave empty to keep');
      await field('Password').fill(sf.user.password);
      await form.getByRole('button', { name: 'Save & test' }).click();
      await expect(form).toBeHidden();
      await expect(integrations.step('source').getByTestId('connection-identity')).toContainText('Connected as');
      await expect(integrations.step('source').getByLabel('Salesforce connection')).toHaveValue('Test org');
      await snap(page, '13-sf-source');
      await integrations.next();

      // Objects with their labels, searchable; Contact's first rows.
      const tables = integrations.step('table').getByTestId('table-list');
      await expect(tables.locator('[data-table="Contact"]')).toBeVisible();
      await integrations.step('table').getByLabel('Search tables').fill('acc');
      await expect(tables.locator('[data-table="Contact"]')).toBeHidden();
      await expect(tables.locator('[data-table="Account"]')).toBeVisible();
      await integrations.step('table').getByLabel('Search tables').fill('');
      await tables.locator('[data-table="Contact"]').click();
      await expect(integrations.step('table').getByTestId('source-preview')).toContainText('LTV__c');
      await snap(page, '14-sf-table');
      await integrations.next();

      await expect(integrations.step('join').getByLabel('Column of the table')).toHaveValue(/^Email/);
      await expect(integrations.step('join').getByTestId('match-summary')).toContainText('of the first');
      await snap(page, '15-sf-join');
      await integrations.next();

      await integrations.importColumn('LTV__c', 'ltv', 'number');
      await integrations.importColumn('Signed_Up__c', 'signed_up', 'time');
      await integrations.importColumn('Tier__c', 'tier', 'text');
      await snap(page, '16-sf-columns');
      await integrations.next();
      await expect(integrations.step('schedule').getByLabel('Source name')).toHaveValue('Salesforce Contact');
      await integrations.step('schedule').getByText('Every N minutes', { exact: true }).click();
      await integrations.step('schedule').getByLabel('Minutes between syncs').fill('30');
      await integrations.wizard.getByRole('button', { name: 'Save & sync' }).click();

      const report = integrations.wizard.getByTestId('sync-report');
      await expect(report).toBeVisible({ timeout: 60_000 });
      const run = (await api.call('sources.history', { name: 'Salesforce Contact' })).runs[0]!;
      expect(run.status).toBe('ok');
      expect(run.rows).toBeGreaterThan(2000);
      await expect(report.locator('[data-figure="Rows read"]')).toContainText(run.rows.toLocaleString('en-US'));
      await expect(report.locator('[data-figure="Matched"]')).toContainText(run.matched.toLocaleString('en-US'));
      await snap(page, '17-sf-report');
      await integrations.wizard.getByRole('button', { name: 'Close' }).click();

      const source = integrations.source('Salesforce Contact');
      await expect(source.getByTestId('sync-status')).toHaveAttribute('data-status', 'ok');
      await expect(source).toContainText('Test org');
      await expect(source).toContainText('Every 30 minutes');
      await expect(source).toContainText(/next in/);
      await snap(page, '18-sf-listed');

      // Here, before the later steps edit the source and make a sync fail: the synced `ltv` in the
      // Users grid (column, query, export) and on the Analytics page, each checked against the core.
      await checkLtvAcrossPages(app, api, dataDir);
      await integrations.open();

      // Edit re-opens the wizard on the source and saves it in place.
      await integrations.menu('Salesforce Contact', 'Edit…');
      await expect(integrations.wizard.getByRole('heading', { name: 'Edit source “Salesforce Contact”' })).toBeVisible();
      await integrations.next();
      await integrations.next();
      await integrations.next();
      await integrations.column('Tier__c').getByRole('checkbox', { name: 'Import Tier__c' }).uncheck();
      await integrations.next();
      await integrations.wizard.getByRole('button', { name: 'Save & sync' }).click();
      await expect(integrations.wizard.getByTestId('sync-report')).toBeVisible({ timeout: 60_000 });
      await integrations.wizard.getByRole('button', { name: 'Close' }).click();
      await expect(integrations.attribute('tier')).toHaveCount(0);
      await expect(integrations.attribute('ltv')).toBeVisible();

      // A sync Salesforce refuses (field-level security) shows as failed, with Salesforce's reason.
      sf.rejectField('Contact', 'LTV__c');
      await source.getByRole('button', { name: 'Sync now' }).click();
      await expect(source.getByTestId('sync-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
      await expect(source.getByTestId('sync-error')).toContainText('LTV__c');
      await snap(page, '18b-sf-failed');

      // The Connections tab: who it logs in as, the secrets it keeps (never their values).
      await integrations.showTab('Connections');
      const row = integrations.root.locator('tr[data-connection="Test org"]');
      await expect(row.getByTestId('connection-identity')).toContainText(sf.user.username);
      await expect(row).toContainText('Username and password');
      await expect(row).toContainText('Security token');
      await expect(row).not.toContainText(sf.user.password);
      await row.getByRole('button', { name: 'Test', exact: true }).click();
      await expect(row.getByTestId('connection-identity')).toContainText(sf.user.username);
      await snap(page, '19-connections');
    } finally {
      await sf.close();
    }
  });
});
