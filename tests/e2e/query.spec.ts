import { loadSample } from './support/api';
import { expect, test } from './support/fixtures';
import { snapBothSchemes } from './support/screenshots';

test.describe('query language in the users grid', () => {
  // Typing key by key and two screenshots in both schemes take a while on a busy machine.
  test.slow();

  test.beforeEach(async ({ app, api }) => {
    await loadSample(api);
    await app.open();
    await app.users.expectCount((await api.call('store.info', {})).users);
  });

  test('a query counts what the API counts, and comes back after a reload', async ({ app, api, page }) => {
    const query = 'last_country_code:FR session_count:>=2';
    const expected = (await api.call('users.count', { query })).count;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan((await api.call('store.info', {})).users);

    await app.users.typeQuery(query);
    await app.users.expectCount(expected);
    await expect(app.users.chips).toContainText(query);
    // The rows shown are the API's rows for the same query.
    const { rows } = await api.call('users.page', { offset: 0, limit: 3, query, sort: [] });
    expect(await app.users.columnTexts('user_id', rows.length)).toEqual(rows.map((r) => String(r.user_id)));
    await expect(page).toHaveURL(/users\.q=last_country_code:FR%20session_count:%3E%3D2/);
    await snapBothSchemes(page, 'query');

    await app.reload();
    await expect(app.users.search).toHaveValue(query);
    await app.users.expectCount(expected);
    // The token kept working through the reload (the count above came from the host).
    await expect(page).toHaveURL(/#token=[^&]+&users\.q=/);
  });

  test('a malformed query shows its error and position under the box; the grid keeps its rows', async ({ app, api, page }) => {
    const good = 'last_country_code:FR';
    const expected = (await api.call('users.count', { query: good })).count;
    await app.users.search.fill(good);
    await app.users.expectCount(expected);
    const firstRow = await app.users.cellText(0, 'user_id');

    // Pasted at once: typed key by key, its first letters would run as free text ("ses").
    await app.users.search.fill('session_count:>');
    await expect(app.users.queryError).toContainText('position 15');
    await expect(app.users.search).toHaveAttribute('aria-invalid', 'true');
    // The mark sits at the end of the query, where a value was expected.
    await expect(app.users.root.getByTestId('query-error-echo')).toHaveText('session_count:>\u00a0');
    // Nothing ran: the last good query's count and rows stay.
    await app.users.expectCount(expected);
    expect(await app.users.cellText(0, 'user_id')).toBe(firstRow);
    await snapBothSchemes(page, 'query-error');

    // An unknown key points at the key and suggests the nearest one.
    await app.users.search.fill('jane last_browser:Safari');
    await expect(app.users.queryError).toContainText('Unknown key "last_browser" at position 5; did you mean "last_browser_name"?');
    await expect(app.users.queryErrorMark).toHaveText('l');
    await app.users.expectCount(expected);

    // Fixed: the error goes and the new query runs.
    await app.users.search.fill('session_count:>2');
    await expect(app.users.queryError).toHaveCount(0);
    await app.users.expectCount((await api.call('users.count', { query: 'session_count:>2' })).count);
  });

  test("the core's refusal (an unknown segment) shows like a local error and the grid keeps its rows", async ({ app }) => {
    const total = await app.users.count.textContent();
    await app.users.search.fill('segment:no_such_segment');
    await expect(app.users.queryError).toContainText('No segment named "no_such_segment"');
    await expect(app.users.count).toHaveText(total!);
    await expect(app.users.cell(0, 'user_id')).not.toHaveClass(/pd-cell-loading/);
  });

  test('autocomplete offers keys, then values of the key; keyboard and mouse accept', async ({ app, api }) => {
    await app.users.typeQuery('last_cou');
    await expect(app.users.suggestion(/last_country_code:/)).toBeVisible();
    await expect(app.users.suggestions.getByRole('option')).toHaveCount(1);
    await app.users.search.press('Enter');
    await expect(app.users.search).toHaveValue('last_country_code:');

    // The most frequent values, with their counts.
    const { values } = await api.call('users.values', { key: 'last_country_code', limit: 5 });
    const top = values[0]!;
    const option = app.users.suggestions.getByRole('option').filter({ hasText: `(${top.value})` });
    await expect(option).toContainText(top.count.toLocaleString('en-US'));
    await option.click();
    await expect(app.users.search).toHaveValue(`last_country_code:${top.value} `);
    await expect(app.users.suggestions).toBeHidden();
    await app.users.expectCount((await api.call('users.count', { query: `last_country_code:${top.value}` })).count);

    // Tab accepts the selected key; arrows move; Escape closes the list and keeps the text.
    await app.users.search.pressSequentially('session_c');
    await expect(app.users.suggestion(/session_count:/)).toBeVisible();
    await app.users.search.press('Tab');
    await expect(app.users.search).toHaveValue(`last_country_code:${top.value} session_count:`);
    await expect(app.users.search).toBeFocused();
    await app.users.search.pressSequentially('>=2 last_');
    await expect(app.users.suggestions.getByRole('option').first()).toBeVisible();
    await app.users.search.press('ArrowDown');
    await app.users.search.press('Escape');
    await expect(app.users.suggestions).toBeHidden();
    await expect(app.users.search).toHaveValue(`last_country_code:${top.value} session_count:>=2 last_`);
  });
});
