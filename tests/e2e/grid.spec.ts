import type { ProfileRow } from '../../common/keys';
import { loadSample } from './support/api';
import { DEFAULT_USER_COLUMNS } from './support/data';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';

const ids = (rows: ProfileRow[]) => rows.map((r) => String(r.user_id));

test.describe('users grid', () => {
  test.beforeEach(async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('shows Datadog-like default columns, countries by name and muted empty values', async ({ app, api }) => {
    expect(await app.users.columnIds()).toEqual(DEFAULT_USER_COLUMNS);
    const { rows } = await api.call('users.page', { offset: 0, limit: 1, filter: { op: 'exists', key: 'last_country_code' } });
    await app.users.search.fill(String(rows[0]!.user_id));
    await app.users.expectCount(1);
    const country = String(rows[0]!.last_country_code);
    const countryLabel = new Intl.DisplayNames('en-US', { type: 'region' }).of(country)!;
    await expect(app.users.cell(0, 'last_country_code')).toHaveText(countryLabel);
    await expect(app.users.cell(0, 'last_country_code')).toHaveAttribute('title', `${countryLabel} (${country})`);
    // Times: local date-time in the cell, relative age on hover.
    await expect(app.users.cell(0, 'last_seen')).toHaveAttribute('title', /ago|in /);

    // Absent values are visibly empty: a muted dash.
    const unnamed = await api.call('users.page', { offset: 0, limit: 1, filter: { op: 'not', item: { op: 'exists', key: 'user_name' } } });
    if (unnamed.rows.length > 0) {
      await app.users.search.fill(String(unnamed.rows[0]!.user_id));
      await app.users.expectCount(1);
      await expect(app.users.cell(0, 'user_name')).toHaveText('—');
      await expect(app.users.cell(0, 'user_name')).toHaveClass(/pd-cell-empty/);
    }
    await app.users.search.fill('');
    await app.users.expectCount((await api.call('store.info', {})).users);
    await snapBothSchemes(app.page, 'users');
  });

  test('sorts by last seen both ways', async ({ app, api }) => {
    const header = app.users.header('last_seen');
    const expectOrder = async (dir: 'asc' | 'desc') => {
      const { rows } = await api.call('users.page', { offset: 0, limit: 10, sort: [{ key: 'last_seen', dir }] });
      // The same block the grid asked for, and its times really are in order.
      const times = rows.map((r) => Date.parse(String(r.last_seen)));
      expect([...times].sort((a, b) => (dir === 'asc' ? a - b : b - a))).toEqual(times);
      await expect(app.users.cell(0, 'user_id')).toHaveText(ids(rows)[0]!);
      expect(await app.users.columnTexts('user_id', 10)).toEqual(ids(rows));
    };

    await app.users.sortBy('last_seen');
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expectOrder('desc');

    await app.users.sortBy('last_seen');
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expectOrder('asc');

    await app.users.sortBy('last_seen');
    await expect(header).toHaveAttribute('aria-sort', 'none');
  });

  test('searches by an email fragment', async ({ app, api }) => {
    const { rows } = await api.call('users.page', { offset: 0, limit: 1, sort: [{ key: 'user_id', dir: 'asc' }], filter: { op: 'exists', key: 'user_email' } });
    const email = String(rows[0]!.user_email);
    const fragment = email.split('@')[0]!.split(/[._-]/)[0]!.slice(0, 5);
    const expected = (await api.call('users.count', { filter: { op: 'text', text: fragment } })).count;
    expect(expected).toBeGreaterThan(0);

    await app.users.search.fill(fragment);
    await app.users.expectCount(expected);
    await expect(app.users.root.getByText(`of ${(await api.call('store.info', {})).users.toLocaleString('en-US')}`)).toBeVisible();
    await expect(app.users.chips).toContainText(`Search: “${fragment}”`);
    const shown = await app.users.columnTexts('user_email', Math.min(expected, 5));
    const names = await app.users.columnTexts('user_name', Math.min(expected, 5));
    shown.forEach((e, i) => expect(`${e} ${names[i]}`.toLowerCase()).toContain(fragment.toLowerCase()));

    await app.users.search.fill('zzzz-no-such-user-zzzz');
    await app.users.expectCount(0);
    await expect(app.users.noMatches).toBeVisible();
    await app.users.noMatches.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(app.users.search).toHaveValue('');
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('filters by country with a set-of-values filter', async ({ app, api }) => {
    const { values } = await api.call('users.values', { key: 'last_country_code', limit: 50 });
    const target = values.find((v) => v.value === 'FR') ?? values[1]!;
    const filter = await app.users.openFilter('last_country_code');
    const name = new Intl.DisplayNames('en-US', { type: 'region' }).of(target.value)!;
    await filter.getByRole('checkbox', { name: new RegExp(`^${name} \\(${target.value}\\)`) }).check();
    await app.users.closePopup();

    const expected = (await api.call('users.count', { filter: { op: 'eq', key: 'last_country_code', value: target.value } })).count;
    expect(expected).toBe(target.count);
    await app.users.expectCount(expected);
    await expect(app.users.header('last_country_code').locator('.ag-filter-active, .ag-header-cell-filtered').first()).toBeAttached();
    for (const text of await app.users.columnTexts('last_country_code', Math.min(expected, 6))) {
      expect(text).toBe(name);
    }
    await expect(app.users.chips).toContainText(`Last country: ${name} (${target.value})`);

    await app.users.chips.getByRole('button', { name: 'Remove filter Last country' }).click();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('filters numbers by range and text by condition', async ({ app, api }) => {
    const sessions = await app.users.openFilter('session_count');
    await sessions.getByLabel('At least').fill('5');
    await app.users.closePopup();
    const many = (await api.call('users.count', { filter: { op: 'range', key: 'session_count', gte: 5 } })).count;
    await app.users.expectCount(many);

    const email = await app.users.openFilter('user_email');
    await email.getByLabel('Email value').fill('proton.me');
    await app.users.closePopup();
    const both = (
      await api.call('users.count', {
        filter: { op: 'and', items: [{ op: 'range', key: 'session_count', gte: 5 }, { op: 'contains', key: 'user_email', value: 'proton.me' }] },
      })
    ).count;
    await app.users.expectCount(both);
    await expect(app.users.chips).toContainText('Sessions ≥ 5');
    await expect(app.users.chips).toContainText('Email contains “proton.me”');
    await app.users.chips.getByRole('button', { name: 'Clear all' }).click();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('refreshes when profiles change (another import lands)', async ({ app, api, dataDir }) => {
    const before = (await api.call('store.info', {})).users;
    const { writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const path = join(dataDir, 'one-more.ndjson');
    await writeFile(
      path,
      `${JSON.stringify({ type: 'view', date: Date.UTC(2025, 5, 1), usr: { id: 'late-arrival', email: 'late@example.com' }, session: { id: 's-late' }, view: { id: 'v-late', url: 'https://x.test/a' } })}\n`,
    );
    if (!api.upload) test.skip(true, 'needs the browser host upload endpoint');
    const uploadId = await api.upload!('one-more.ndjson', Buffer.from(await (await import('node:fs/promises')).readFile(path)));
    await api.call('imports.start', { paths: [uploadId] });
    await app.expectSummary('Import finished');
    await app.closeSummary();
    await app.users.expectCount(before + 1);
  });
});
