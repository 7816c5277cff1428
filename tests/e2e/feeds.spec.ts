/**
 * The Feeds tab of the Integrations page against the Datadog test server (tests/servers/datadog.ts):
 * a Datadog feed added with the server as its API base URL override, a wrong application key
 * refused by Test, the right one accepted, then Save & pull: the pull's events counted in the
 * table and the notification, the users in the Users grid (their number computed here from the
 * generated events), the run in the history drawer, pause and resume, a rate-limited pull that
 * waits and goes on, a refused pull, editing with the keys kept, and removing the feed (its
 * profiles stay). Screenshots in both schemes go
 * to test-results/screenshots/feeds-*.png (looked at by hand, not compared).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';
import { rumEvents, toNdjson, type TestRumEvent } from '../servers/datadog-data';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';
import { FeedsPanel } from './pages/FeedsPanel';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const en = (n: number) => n.toLocaleString('en-US');

/** Users as the profile rules count them: distinct `usr.id`, synthetics and CI sessions excluded. */
function distinctUsers(events: TestRumEvent[]): number {
  const ids = new Set<string>();
  for (const e of events) {
    const session = e.session as { type?: string } | undefined;
    if (session?.type === 'synthetics' || session?.type === 'ci_test') continue;
    const id = (e.usr as { id?: unknown } | undefined)?.id;
    if (id !== undefined && id !== null && String(id).trim() !== '') ids.add(String(id));
  }
  return ids.size;
}

/** An NDJSON file behind a bearer token, with an ETag (a second fetch of the same content is a 304). */
async function serveNdjson(body: string, token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":["Unauthorized"]}');
      return;
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson', etag }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/exports/rum/events.ndjson`, close: () => new Promise((done) => server.close(() => done())) };
}

test.describe('feeds', () => {
  test.describe.configure({ timeout: 180_000 });

  let dd: DatadogTestServer;
  let events: TestRumEvent[];

  test.beforeEach(async ({ target }) => {
    test.skip(target === 'electron', 'the browser host is driven here; the Electron app shares the renderer');
    // Three days ago, inside the form's default first pull (now-7d); 60 users make two API pages.
    events = rumEvents({ users: 60, start: Date.now() - 3 * DAY, seed: 9 });
    dd = await startDatadogServer({ events });
  });

  test.afterEach(async () => {
    await dd?.close();
  });

  test('adds a Datadog feed, tests its keys, pulls it and shows the users', async ({ page, app, api }) => {
    const users = distinctUsers(events);
    expect(users).toBeGreaterThan(40);
    await app.open();
    const feeds = new FeedsPanel(page);
    await feeds.open();
    await expect(feeds.empty).toContainText('No feeds yet');
    await expect(feeds.empty).toContainText('Datadog RUM');
    await expect(feeds.empty).toContainText('Watched folder');
    await snapBothSchemes(page, 'empty', 'feeds-');

    await feeds.startAdding();
    await expect(feeds.form.getByRole('radio', { name: 'Datadog RUM', exact: true })).toBeChecked();
    await expect(feeds.field('Query')).toHaveValue('*');
    await expect(feeds.field('First pull from')).toHaveValue('now-7d');
    await feeds.field('Name').fill('RUM prod');
    await feeds.field('API base URL override (proxy)').fill(dd.url);
    await feeds.field('API key').fill(dd.apiKey);
    await feeds.field('Application key').fill('not-the-app-key');

    // A start the core can't read is named under its field.
    await feeds.field('First pull from').fill('last tuesday');
    await feeds.test();
    await expect(feeds.field('First pull from')).toHaveAttribute('aria-invalid', 'true');
    await expect(feeds.form.getByText(/"last tuesday" is not a time/)).toBeVisible();
    await feeds.field('First pull from').fill('now-7d');

    // Test with the wrong application key: Datadog's refusal, on the form.
    await feeds.test();
    await expect(feeds.testResult).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
    await expect(feeds.testResult).toContainText(/key|forbidden|403|denied/i);
    await expect(feeds.testResult).not.toContainText('not-the-app-key');
    await snapBothSchemes(page, 'form-refused', 'feeds-');

    await feeds.field('Application key').fill(dd.appKey);
    await feeds.test();
    await expect(feeds.testResult).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await snapBothSchemes(page, 'form-tested', 'feeds-');
    // Testing imports nothing.
    expect((await api.call('store.info', {})).users).toBe(0);

    await feeds.form.getByRole('button', { name: 'Save & pull' }).click();
    await expect(feeds.dialog).toBeHidden();
    const row = feeds.feed('RUM prod');
    await expect(row.getByTestId('feed-where')).toHaveText(dd.url);
    await expect(row.getByTestId('feed-query')).toHaveAttribute('data-query', '*');
    await expect(feeds.status('RUM prod')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
    await expect(row.getByTestId('feed-last-pull')).toContainText(`${en(events.length)} events`);
    await expect(row.getByTestId('feed-covered')).toBeVisible();
    await expect(row.getByTestId('feed-timing')).toContainText('Hourly');
    await expect(row.getByTestId('feed-timing')).toContainText('next in');
    // The keys never come back: the table names no secret.
    await expect(feeds.table).not.toContainText(dd.appKey);
    const notice = feeds.notifications.filter({ hasText: 'Pulled “RUM prod”' });
    await expect(notice).toContainText(`${en(events.length)} events`);

    const [run] = (await api.call('feeds.history', { name: 'RUM prod' })).runs;
    expect(run).toMatchObject({ status: 'ok', trigger: 'save', events: events.length });
    expect(run!.pages).toBeGreaterThanOrEqual(2);
    await snapBothSchemes(page, 'table', 'feeds-');

    // History: the save's pull with its pages, events and range.
    await feeds.menu('RUM prod', 'History…');
    const runs = feeds.history.getByTestId('feed-runs').locator('tbody tr');
    await expect(runs).toHaveCount(1);
    await expect(runs.first()).toContainText('Saved');
    await expect(runs.first()).toHaveAttribute('data-status', 'ok');
    await expect(runs.first()).toContainText(en(events.length));
    await expect(runs.first()).toContainText(en(run!.imported));
    await snapBothSchemes(page, 'history', 'feeds-');
    await page.keyboard.press('Escape');
    await expect(feeds.history).toBeHidden();

    // The users, as the profile rules count them from the generated events.
    await app.goTo('Users');
    await app.users.expectCount(users);
    await app.page.getByRole('navigation', { name: 'Pages' }).getByText('Integrations', { exact: true }).click();

    // Pause shows as paused (no next pull); Resume brings the schedule back.
    await feeds.menu('RUM prod', 'Pause');
    await expect(row.getByTestId('feed-timing')).toHaveAttribute('data-state', 'paused');
    await feeds.menu('RUM prod', 'Resume');
    await expect(row.getByTestId('feed-timing')).toHaveAttribute('data-state', 'scheduled');

    // A later pull rate-limited by Datadog waits for the reset, then takes the new events only:
    // events of the last minutes (a pull continues from where the last one ended, less the lookback).
    const later = rumEvents({ users: 5, start: Date.now() - 10 * MINUTE, spanMs: 8 * MINUTE, seed: 10 });
    dd.addEvents(later);
    dd.fail({ status: 429, resetSeconds: 6 });
    await row.getByRole('button', { name: 'Pull now' }).click();
    await expect(row.getByTestId('feed-progress-status')).toHaveText(/^Waiting: rate limited \(\d+ s\)$/, { timeout: 20_000 });
    await expect(row.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Pull now' })).toBeDisabled();
    await snapBothSchemes(page, 'rate-limited', 'feeds-');
    await expect(feeds.status('RUM prod')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
    const [second] = (await api.call('feeds.history', { name: 'RUM prod' })).runs;
    expect(second).toMatchObject({ status: 'ok', trigger: 'manual' });
    // The lookback re-reads the last 15 minutes before the first pull's end: none of the first events.
    expect(second!.events).toBe(later.length);
    await expect(row.getByTestId('feed-last-pull')).toContainText(`${en(later.length)} events`);
    await app.goTo('Users');
    await app.users.expectCount(distinctUsers([...events, ...later]));
    await app.page.getByRole('navigation', { name: 'Pages' }).getByText('Integrations', { exact: true }).click();

    // A pull Datadog refuses fails with the reason, on the row and in a notification; nothing is lost.
    dd.fail({ status: 403, message: 'Forbidden' });
    await row.getByRole('button', { name: 'Pull now' }).click();
    await expect(feeds.status('RUM prod')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await expect(row.getByTestId('feed-error')).toContainText(/403|forbidden|refused/i);
    await expect(feeds.notifications.filter({ hasText: 'Pull of “RUM prod” failed' })).toBeVisible();
    await snapBothSchemes(page, 'failed', 'feeds-');

    // Edit: the keys show as saved, never their values; saving without typing them keeps them.
    await feeds.menu('RUM prod', 'Edit…');
    await expect(feeds.field('API key')).toHaveValue('');
    await expect(feeds.field('API key')).toHaveAttribute('placeholder', '•••• saved — leave empty to keep');
    await expect(feeds.field('API base URL override (proxy)')).toHaveValue(dd.url);
    await snapBothSchemes(page, 'form-edit', 'feeds-');
    await feeds.test();
    await expect(feeds.testResult).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await feeds.dialog.getByRole('button', { name: 'Cancel' }).click();

    // Remove: confirmed; the profiles stay.
    await feeds.menu('RUM prod', 'Remove…');
    const remove = page.getByRole('dialog', { name: 'Remove feed “RUM prod”?' });
    await expect(remove).toContainText('The profiles it imported stay');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await expect(feeds.empty).toBeVisible();
    expect((await api.call('store.info', {})).users).toBe(distinctUsers([...events, ...later]));
  });

  test('adds a URL feed behind a bearer token; an unchanged file is not imported again', async ({ page, app, api }) => {
    const body = toNdjson(events);
    const file = await serveNdjson(body, 's3cret-token');
    try {
      await app.open();
      const feeds = new FeedsPanel(page);
      await feeds.open();
      await feeds.startAdding();
      // The browser host can't name folders on the computer: folder feeds are added in the app or the CLI.
      await expect(feeds.form.getByRole('radio', { name: 'Watched folder', exact: true })).toBeDisabled();
      await feeds.chooseKind('URL');
      await feeds.field('URL').fill(file.url);
      await expect(feeds.field('Name')).toHaveAttribute('placeholder', new URL(file.url).host);
      await feeds.form.getByText('Bearer token', { exact: true }).click();
      await feeds.field('Token').fill('wrong-token');
      await feeds.test();
      await expect(feeds.testResult).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
      await expect(feeds.testResult).toContainText(/401|unauthori[sz]ed|refused/i);
      await feeds.field('Token').fill('s3cret-token');
      await feeds.test();
      await expect(feeds.testResult).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
      await snapBothSchemes(page, 'form-url', 'feeds-');
      await feeds.form.getByRole('button', { name: 'Save & pull' }).click();
      await expect(feeds.dialog).toBeHidden();

      const name = new URL(file.url).host;
      const row = feeds.feed(name);
      await expect(row.getByTestId('feed-where')).toHaveText(`${name}/exports/rum/events.ndjson`);
      await expect(feeds.status(name)).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
      await expect(row.getByTestId('feed-last-pull')).toContainText(`${en(events.length)} events`);
      expect((await api.call('feeds.list', {})).feeds[0]!.secrets).toEqual(['header:Authorization']);
      await app.goTo('Users');
      await app.users.expectCount(distinctUsers(events));
      await page.getByRole('navigation', { name: 'Pages' }).getByText('Integrations', { exact: true }).click();

      // Pulled again: the server answers 304, nothing is imported twice.
      await row.getByRole('button', { name: 'Pull now' }).click();
      await expect.poll(async () => (await api.call('feeds.history', { name })).runs.length, { timeout: 30_000 }).toBe(2);
      await expect(feeds.status(name)).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
      await expect(row.getByTestId('feed-last-pull')).toHaveText('Not modified');
      await snapBothSchemes(page, 'table-url', 'feeds-');
    } finally {
      await file.close();
    }
  });
});
