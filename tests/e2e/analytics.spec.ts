import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { SessionVolume } from '../../common/analytics';
import { loadSample } from './support/api';
import { expect, test } from './support/fixtures';
import { SCREENSHOT_DIR, snapBothSchemes } from './support/screenshots';

const en = (n: number) => n.toLocaleString('en-US');
const sum = (volume: SessionVolume) => volume.points.reduce((total, p) => total + p.sessions, 0);
const countryNames = new Intl.DisplayNames('en-US', { type: 'region' });

/** The Analytics page's parts (kept here: no other spec drives this page). */
function analytics(page: Page) {
  const panel = page.getByTestId('volume-panel');
  const segment = (name: string): Locator => panel.locator('label').filter({ hasText: new RegExp(`^${name}$`) });
  return {
    root: page.locator('[data-page="analytics"]'),
    query: page.getByTestId('analytics-query'),
    panel,
    chart: page.getByTestId('volume-chart'),
    table: page.getByTestId('volume-table'),
    total: page.getByTestId('volume-total'),
    summary: page.getByTestId('volume-summary'),
    show: (what: 'Chart' | 'Table' | 'Line' | 'Bars' | 'Stacked bars') => segment(what).click(),
    interval: (what: 'Day' | 'Week') => page.locator('[data-page="analytics"] label').filter({ hasText: new RegExp(`^${what}$`) }).click(),
  };
}

/** The series CSV worked out here from the API's points, independently of the renderer's code. */
function expectedCsv(volume: SessionVolume): string {
  const buckets = [...new Set(volume.points.map((p) => p.bucket))].sort();
  if (!volume.breakdown) {
    return ['bucket,sessions', ...buckets.map((b) => `${b},${volume.points.find((p) => p.bucket === b)!.sessions}`), ''].join('\r\n');
  }
  const values = volume.values!;
  const header = ['bucket', ...values.map((v) => (v === null ? '(none)' : v === 'other' ? 'Other' : v)), 'total'].join(',');
  const lines = buckets.map((b) => {
    const counts = values.map((v) => volume.points.find((p) => p.bucket === b && p.value === v)!.sessions);
    return [b, ...counts, counts.reduce((a, c) => a + c, 0)].join(',');
  });
  return [header, ...lines, ''].join('\r\n');
}

test.describe('analytics', () => {
  test.beforeEach(async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.nav.getByText('Analytics', { exact: true }).click();
    await expect(analytics(app.page).root).toBeVisible();
  });

  test('charts the last 90 days by day, with the table summing to the core’s volume', async ({ app, api }) => {
    const a = analytics(app.page);
    const expected = await api.call('sessions.volume', { interval: 'day' });
    expect(expected.points).toHaveLength(90);
    const total = sum(expected);
    expect(total).toBeGreaterThan(0);

    await expect(a.chart.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(a.chart.locator('path.recharts-line-curve')).toHaveCount(1);
    await expect(a.summary).toContainText(`${en(total)} sessions`);

    // Hovering the middle of the plot shows a bucket's date and its value.
    const box = (await a.chart.locator('svg.recharts-surface').first().boundingBox())!;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(a.chart.locator('.recharts-tooltip-wrapper')).toContainText(/\w{3}, \w{3} \d+, \d{4}/);

    await snapBothSchemes(app.page, 'analytics-day-line');

    await a.show('Table');
    await expect(a.total).toHaveText(en(total));
    await expect(a.table.locator('tbody tr')).toHaveCount(90);
    const last = expected.points.at(-1)!;
    await expect(a.table.locator(`tr[data-bucket="${last.bucket}"] td`).last()).toHaveText(en(last.sessions));

    await a.show('Chart');
    await a.show('Bars');
    await expect(a.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  });

  test('follows a query, shows its errors at their position, and says when a range is empty', async ({ app, api }) => {
    const a = analytics(app.page);
    await a.query.fill('frist_seen:>now-7d');
    await expect(a.root.getByText(/Unknown key "frist_seen" at position 0; did you mean "first_seen"/)).toBeVisible();

    const query = 'last_device_type:mobile';
    const expected = sum(await api.call('sessions.volume', { interval: 'day', query }));
    expect(expected).toBeGreaterThan(0);
    await a.query.fill(query);
    await a.show('Table');
    await expect(a.total).toHaveText(en(expected));

    // A segment saved elsewhere appears in the select (segments.changed) and narrows the volume.
    await api.call('segments.save', { name: 'Regulars', entity: 'users', query: 'session_count:>=3' });
    const inSegment = sum(await api.call('sessions.volume', { interval: 'day', query, segment: 'Regulars' }));
    expect(inSegment).toBeGreaterThan(0);
    expect(inSegment).toBeLessThan(expected);
    await a.root.getByLabel('Segment', { exact: true }).click();
    await app.page.getByRole('option', { name: /^Regulars/ }).click();
    await expect(a.total).toHaveText(en(inSegment));

    // The core's own check: a segment that doesn't exist is the query's error, not an empty chart.
    await a.query.fill('segment:no-such-segment');
    await expect(a.root.getByText(/no-such-segment/).first()).toBeVisible();
    await expect(a.table).toBeHidden();
    await a.query.fill(query);
    await expect(a.total).toHaveText(en(inSegment));

    // From 2001 to the store's latest data: thousands of days, not drawn (that would freeze the page).
    await a.root.getByLabel('From', { exact: true }).fill('2001-01-01');
    await expect(a.panel.getByTestId('volume-too-many')).toContainText(/Too many days to draw \([\d,]+\)/);
    await a.root.getByLabel('To', { exact: true }).fill('2001-01-31');
    await expect(a.panel.getByText('No sessions in this range')).toBeVisible();
  });

  test('breaks weeks down by country, stacked, and downloads the series CSV', async ({ app, api }) => {
    const a = analytics(app.page);
    await a.interval('Week');
    await a.root.getByLabel('Break down by', { exact: true }).click();
    await app.page.getByRole('option', { name: 'Last country', exact: true }).click();

    const expected = await api.call('sessions.volume', { interval: 'week', breakdown: 'last_country_code', top: 5 });
    expect(expected.values!.length).toBeGreaterThan(1);
    await expect(a.summary).toContainText(`${en(sum(expected))} sessions`);
    await expect(a.summary).toContainText('per week');

    // The legend names countries; "(none)" and "Other" read as such.
    const legend = a.chart.locator('.recharts-legend-wrapper');
    const first = expected.values![0]!;
    await expect(legend).toContainText(countryNames.of(first)!);
    if (expected.values!.includes('other')) await expect(legend).toContainText('Other');
    if (expected.values!.includes(null)) await expect(legend).toContainText('(none)');

    await a.show('Stacked bars');
    await expect(a.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await snapBothSchemes(app.page, 'analytics-week-country-bars');

    // Hovering a week's bar: the week, its total, and each series' value.
    const bars = a.chart.locator('.recharts-bar-rectangle');
    await bars.nth(Math.floor((await bars.count()) / 2)).hover();
    const tooltip = a.chart.locator('.recharts-tooltip-wrapper');
    await expect(tooltip).toContainText(/Week of \w{3} \d+, \d{4} · [\d,]+ sessions/);
    await expect(tooltip).toContainText(countryNames.of(first)!);
    await app.page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics-week-tooltip-light.png') });

    await a.show('Table');
    await expect(a.total).toHaveText(en(sum(expected)));
    await expect(a.table.locator('tbody tr')).toHaveCount(new Set(expected.points.map((p) => p.bucket)).size);
    await snapBothSchemes(app.page, 'analytics-week-country-table');

    const download = app.page.waitForEvent('download');
    await a.panel.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sessions-per-week-by-last_country_code-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toBe(expectedCsv(expected));
  });

  test('refreshes when profiles change (another import lands)', async ({ app, api, dataDir }) => {
    test.skip(!api.upload, 'needs the browser host upload endpoint');
    const a = analytics(app.page);
    const before = await api.call('sessions.volume', { interval: 'day' });
    await a.show('Table');
    await expect(a.total).toHaveText(en(sum(before)));

    // Two new sessions on the range's last day, by a user the sample doesn't have.
    const day = Date.parse(`${before.points.at(-1)!.bucket}T00:00:00Z`);
    const event = (session: string, ms: number) =>
      JSON.stringify({ type: 'view', date: ms, usr: { id: 'chart-newcomer' }, session: { id: session }, view: { id: `v-${session}`, url: 'https://x.test/a' } });
    const path = join(dataDir, 'newcomer.ndjson');
    await writeFile(path, `${event('s-newcomer-1', day + 3_600_000)}\n${event('s-newcomer-2', day + 7_200_000)}\n`);
    const uploadId = await api.upload!('newcomer.ndjson', await readFile(path));
    await api.call('imports.start', { paths: [uploadId] });
    await app.expectSummary('Import finished');
    await app.closeSummary();

    const after = await api.call('sessions.volume', { interval: 'day' });
    expect(sum(after)).toBe(sum(before) + 2);
    await expect(a.total).toHaveText(en(sum(after)));
  });
});
