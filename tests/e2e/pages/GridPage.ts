import { expect, type Locator, type Page } from '@playwright/test';

/** One profile grid page (Users or Accounts): search, count, headers, cells, filters, columns. */
export class GridPage {
  readonly root: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly chips: Locator;
  readonly viewport: Locator;
  readonly emptyState: Locator;
  readonly noMatches: Locator;
  /** Under the search box: why the query doesn't run, and the query echoed with the position marked. */
  readonly queryError: Locator;
  readonly queryErrorMark: Locator;
  /** The search box's autocomplete list (rendered in a portal, so looked up on the page). */
  readonly suggestions: Locator;

  constructor(
    readonly page: Page,
    readonly name: 'users' | 'accounts',
    readonly noun: 'user' | 'account',
  ) {
    this.root = page.locator(`[data-page="${name}"]`);
    this.search = this.root.getByRole('searchbox');
    this.count = this.root.getByTestId('row-count');
    this.chips = this.root.getByTestId('active-filters');
    this.viewport = this.root.locator('.ag-grid-viewport');
    this.emptyState = this.root.getByTestId('empty-state');
    this.noMatches = this.root.getByTestId('no-matches');
    this.queryError = this.root.getByTestId('query-error');
    this.queryErrorMark = this.root.getByTestId('query-error-at');
    this.suggestions = page.getByTestId(`${name}-query-suggestions`);
  }

  countText(n: number): string {
    return `${n.toLocaleString('en-US')} ${this.noun}${n === 1 ? '' : 's'}`;
  }

  async expectCount(n: number): Promise<void> {
    await expect(this.count).toHaveText(this.countText(n));
  }

  header(colId: string): Locator {
    return this.root.locator(`.ag-header-cell[col-id="${colId}"]`);
  }

  row(index: number): Locator {
    return this.root.locator(`.ag-row[row-index="${index}"]`);
  }

  cell(index: number, colId: string): Locator {
    return this.root.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${colId}"]`);
  }

  /** A cell's text once its row has loaded (unloaded rows show a placeholder). */
  async cellText(index: number, colId: string): Promise<string> {
    const cell = this.cell(index, colId);
    await expect(cell).toBeAttached();
    await expect(cell).not.toHaveClass(/pd-cell-loading/);
    return ((await cell.textContent()) ?? '').trim();
  }

  /** Texts of one column for the first `n` rows (waiting for each to load). */
  async columnTexts(colId: string, n: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) out.push(await this.cellText(i, colId));
    return out;
  }

  /** The visible columns' ids, left to right. */
  async columnIds(): Promise<string[]> {
    return this.root
      .locator('.ag-header-row-column .ag-header-cell')
      .evaluateAll((cells) =>
        cells
          .map((c) => ({ id: c.getAttribute('col-id') ?? '', i: Number(c.getAttribute('aria-colindex')) }))
          .sort((a, b) => a.i - b.i)
          .map((c) => c.id),
      );
  }

  async sortBy(colId: string): Promise<void> {
    await this.header(colId).locator('.ag-header-cell-label').click();
  }

  /** Opens a column's filter popup and returns it. */
  async openFilter(colId: string): Promise<Locator> {
    const header = this.header(colId);
    await header.hover();
    await header.locator('.ag-header-cell-filter-button').click();
    const popup = this.page.locator('.ag-popup').getByTestId('column-filter');
    await expect(popup).toBeVisible();
    return popup;
  }

  async closePopup(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.locator('.ag-popup [data-testid="column-filter"]')).toHaveCount(0);
  }

  async openColumnChooser(): Promise<Locator> {
    await this.root.getByRole('button', { name: 'Choose columns' }).click();
    const chooser = this.page.getByTestId('column-chooser');
    await expect(chooser).toBeVisible();
    return chooser;
  }

  /** Types a query into the search box key by key (as a person does, so autocomplete follows). */
  async typeQuery(text: string): Promise<void> {
    await this.search.click();
    await this.search.press('ControlOrMeta+a');
    await this.search.press('Backspace');
    await this.search.pressSequentially(text);
  }

  /** One autocomplete option, by its visible text. */
  suggestion(text: string | RegExp): Locator {
    return this.suggestions.getByRole('option', { name: text });
  }

  async scrollTop(): Promise<number> {
    return this.viewport.evaluate((el) => el.scrollTop);
  }
}
