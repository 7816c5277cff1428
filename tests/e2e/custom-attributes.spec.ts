/**
 * Custom attributes in the renderer: a CSV reference table (tests/fixtures/custom-attributes,
 * keyed by the sample data set's emails, some upper-cased or padded, two matching nobody) saved
 * as a source through the API and synced; then in the UI its attributes are columns that can be
 * shown, sorted and filtered, keys of the query language, a section of the detail drawer named
 * after the source, a breakdown on the Analytics page, and columns of the export. Every expected
 * value is worked out here from the fixture and the sample's users, not read from the feature.
 */
import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SessionVolume } from '../../common/analytics';
import { loadSample, waitForIdle, type Api } from './support/api';
import { expect, test } from './support/fixtures';
import { REPO_ROOT } from './support/host';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'custom-attributes', 'customers.csv');
const SOURCE = 'CRM export';
/** Screenshots to look at (outside the repository). */
const SHOTS = join('/tmp', 'profile-desk-custom-attributes');

interface Customer {
  ltv: number | null;
  tier: string;
  vip: boolean;
  signedUp: string;
}

const en = (n: number) => n.toLocaleString('en-US');

/** The fixture by join key (trimmed, lower-cased email): the first row of a key wins. */
async function readCustomers(): Promise<Map<string, Customer>> {
  const records = parse(await readFile(FIXTURE, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
  const byEmail = new Map<string, Customer>();
  for (const r of records) {
    const key = r.email!.trim().toLowerCase();
    if (byEmail.has(key)) continue;
    byEmail.set(key, {
      ltv: r.ltv!.trim() === '' ? null : Number(r.ltv),
      tier: r.tier!,
      vip: ['true', '1', 'yes'].includes(r.vip!.trim().toLowerCase()),
      signedUp: r.signed_up!,
    });
  }
  return byEmail;
}

/** Every user's id and email, through the API's built-in columns. */
async function sampleUsers(api: Api): Promise<Array<{ id: string; email: string | null }>> {
  const out: Array<{ id: string; email: string | null }> = [];
  for (let offset = 0; ; offset += 1000) {
    const { rows } = await api.call('users.page', { offset, limit: 1000, sort: [{ key: 'user_id', dir: 'asc' }] });
    out.push(...rows.map((r) => ({ id: String(r.user_id), email: r.user_email == null ? null : String(r.user_email) })));
    if (rows.length < 1000) return out;
  }
}

async function addSource(api: Api): Promise<void> {
  const bytes = await readFile(FIXTURE);
  const path = api.upload ? await api.upload('customers.csv', bytes) : FIXTURE;
  await api.call('sources.save', {
    source: {
      name: SOURCE,
      kind: 'csv',
      entity: 'users',
      path,
      join: { column: 'email', attribute: 'user_email' },
      attributes: [
        { column: 'ltv', name: 'ltv', type: 'number', label: 'LTV' },
        { column: 'tier', name: 'tier', label: 'Tier' },
        { column: 'vip', name: 'vip', type: 'boolean', label: 'VIP' },
        { column: 'signed_up', name: 'signed_up', type: 'time', label: 'Signed up' },
      ],
    },
  });
  await waitForIdle(api);
  const { sources } = await api.call('sources.list', { entity: 'users' });
  expect(sources.find((s) => s.name === SOURCE)?.lastSync).toMatchObject({ status: 'ok', unmatched: 2 });
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

test.describe('custom attributes', () => {
  test('a CSV source’s attributes in the grid, the query, the detail, the chart and the export', async ({ app, api, page, dataDir }) => {
    // One long walk through every screen: the sample load and the sync alone take a good part of the default 60 s on a busy machine.
    test.setTimeout(300_000);
    await loadSample(api);
    await addSource(api);

    // What each user should have, from the fixture joined to the sample's users here.
    const customers = await readCustomers();
    const users = (await sampleUsers(api)).map((u) => ({ ...u, customer: u.email ? customers.get(u.email.trim().toLowerCase()) : undefined }));
    const matched = users.filter((u) => u.customer);
    expect(matched.length).toBe(customers.size - 2);
    const overHundred = matched.filter((u) => u.customer!.ltv !== null && u.customer!.ltv > 100);
    const atLeastHundred = matched.filter((u) => u.customer!.ltv !== null && u.customer!.ltv >= 100);
    const vips = matched.filter((u) => u.customer!.vip);
    const maxLtv = Math.max(...matched.flatMap((u) => (u.customer!.ltv === null ? [] : [u.customer!.ltv])));
    expect(overHundred.length).toBeGreaterThan(0);
    expect(overHundred.length).toBeLessThan(matched.length);

    await app.open();
    await app.users.expectCount(users.length);

    // A new attribute waits in the column chooser, under its source; it is not shown by itself.
    await expect(app.users.header('ltv')).toHaveCount(0);
    const chooser = await app.users.openColumnChooser();
    await expect(chooser.getByText(`Custom · ${SOURCE}`)).toBeVisible();
    await chooser.getByText(`Custom · ${SOURCE}`).scrollIntoViewIfNeeded();
    await shoot(page, 'column-chooser-custom');
    for (const label of ['LTV', 'Tier', 'VIP']) await chooser.getByRole('checkbox', { name: label, exact: true }).check();
    await page.keyboard.press('Escape');
    await expect.poll(() => app.users.columnIds()).toEqual(expect.arrayContaining(['ltv', 'tier', 'vip']));

    // Sorted (numbers start with the largest), the first row has the largest value.
    await app.users.sortBy('ltv');
    await expect.poll(() => app.users.cellText(0, 'ltv')).toBe(en(maxLtv));
    // Several users may share the largest value: the row's own user tells which one it is.
    const topId = await app.users.cellText(0, 'user_id');
    const topUser = matched.find((u) => u.id === topId)!;
    expect(topUser.customer!.ltv).toBe(maxLtv);
    expect(await app.users.cellText(0, 'vip')).toBe(topUser.customer!.vip ? 'Yes' : 'No');
    expect(await app.users.cellText(0, 'tier')).toBe(topUser.customer!.tier);
    await shoot(page, 'grid-custom-columns');

    // Filters: a number range, then the Yes/No set of a boolean.
    const ltvFilter = await app.users.openFilter('ltv');
    await ltvFilter.getByLabel('At least').fill('100');
    await app.users.closePopup();
    await app.users.expectCount(atLeastHundred.length);
    await app.users.chips.getByRole('button', { name: 'Remove filter LTV' }).click();
    await app.users.expectCount(users.length);
    const vipFilter = await app.users.openFilter('vip');
    await vipFilter.getByRole('checkbox', { name: /^Yes/ }).check();
    await app.users.closePopup();
    await app.users.expectCount(vips.length);
    await expect(app.users.chips).toContainText('VIP: Yes');
    await app.users.chips.getByRole('button', { name: 'Remove filter VIP' }).click();
    await app.users.expectCount(users.length);

    // The query language: keys complete, and `ltv:>100` narrows to the users worked out above.
    await app.users.typeQuery('lt');
    await expect(app.users.suggestion(/^ltv:/)).toBeVisible();
    await app.users.search.fill('ltv:>lots');
    await expect(app.users.queryError).toContainText('Expected a number for ltv');
    await app.users.search.fill('ltv:>100');
    await app.users.expectCount(overHundred.length);
    await expect(app.users.queryError).toHaveCount(0);

    // The detail drawer: the attributes under the source's name.
    const firstId = await app.users.cellText(0, 'user_id');
    const first = users.find((u) => u.id === firstId)!;
    await app.users.row(0).click();
    await app.detail.expectUser(firstId);
    const section = app.detail.dialog.getByLabel(`${SOURCE} attributes`);
    await expect(section).toContainText(SOURCE);
    await expect(section).toContainText(`LTV${en(first.customer!.ltv!)}`);
    await expect(section).toContainText(`VIP${first.customer!.vip ? 'Yes' : 'No'}`);
    await expect(section).toContainText(`Tier${first.customer!.tier}`);
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'detail-custom-section');
    await app.detail.close();

    // The export proposes the grid's columns, custom ones included, and writes their values.
    await app.users.root.getByRole('button', { name: 'Export CSV' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('export-dialog') });
    await expect(dialog.getByTestId('export-dialog')).toContainText(`${en(overHundred.length)} users`);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const file = join(dataDir, 'custom.csv');
    await (await downloading).saveAs(file);
    const records = parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(['user_id', 'ltv', 'tier', 'vip']));
    expect(records).toHaveLength(overHundred.length);
    for (const u of overHundred.slice(0, 20)) {
      const row = records.find((r) => r.user_id === u.id);
      expect(row, u.id).toBeDefined();
      expect(Number(row!.ltv)).toBe(u.customer!.ltv);
      expect(row!.tier).toBe(u.customer!.tier);
      expect(row!.vip).toBe(String(u.customer!.vip));
    }
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Analytics: the same query, broken down by tier.
    await app.nav.getByText('Analytics', { exact: true }).click();
    const analytics = page.locator('[data-page="analytics"]');
    await analytics.getByTestId('analytics-query').fill('ltv:>100');
    await analytics.getByLabel('Break down by', { exact: true }).click();
    await expect(page.getByRole('option', { name: 'VIP', exact: true })).toBeVisible();
    await expect(page.getByRole('option', { name: 'LTV', exact: true })).toHaveCount(0);
    await page.getByRole('option', { name: 'VIP', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'breakdown-options.png') });
    await page.getByRole('option', { name: 'Tier', exact: true }).click();
    await expect(analytics.getByRole('heading', { name: 'Session volume by Tier' })).toBeVisible();
    const volume: SessionVolume = await api.call('sessions.volume', { interval: 'day', query: 'ltv:>100', breakdown: 'tier', top: 5 });
    const total = volume.points.reduce((n, p) => n + p.sessions, 0);
    expect(total).toBeGreaterThan(0);
    await expect(analytics.getByTestId('volume-summary')).toContainText(`${en(total)} sessions`);
    const legend = analytics.getByTestId('volume-chart').locator('.recharts-legend-wrapper');
    for (const tier of new Set(overHundred.map((u) => u.customer!.tier))) await expect(legend).toContainText(tier);
    await expect(analytics.getByTestId('analytics-query')).not.toHaveAttribute('aria-invalid', 'true');
    await shoot(page, 'analytics-by-tier');

    // The source removed: its columns leave the grid and the saved layout quietly, the breakdown
    // goes back to none, and the query that names it says the key is unknown.
    await api.call('sources.remove', { name: SOURCE });
    await expect(analytics.getByRole('heading', { name: 'Session volume', exact: true })).toBeVisible();
    await app.goTo('Users');
    await expect.poll(() => app.users.columnIds()).not.toContain('ltv');
    expect(await app.users.columnIds()).toEqual(expect.arrayContaining(['user_id', 'session_count']));
    await expect
      .poll(async () => ((await api.call('prefs.get', { key: 'grid.users.columns' })).value as { columns: Array<{ key: string }> }).columns.map((c) => c.key))
      .not.toContain('ltv');
    await expect(app.users.queryError).toContainText('Unknown key "ltv"');
  });
});
