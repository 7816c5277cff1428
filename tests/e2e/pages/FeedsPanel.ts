import { expect, type Locator, type Page } from '@playwright/test';

/** The Feeds tab of the Integrations page: the feeds table, the Add/Edit feed form, the history drawer. */
export class FeedsPanel {
  readonly root: Locator;
  readonly tab: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  /** The open Add/Edit feed dialog. */
  readonly dialog: Locator;
  readonly form: Locator;
  readonly testResult: Locator;
  readonly history: Locator;
  readonly notifications: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-page="integrations"]');
    this.tab = this.root.getByTestId('feeds-tab');
    this.table = this.root.getByTestId('feeds-table');
    this.empty = this.root.getByTestId('no-feeds');
    this.dialog = page.getByRole('dialog').filter({ has: page.getByTestId('feed-form') });
    this.form = this.dialog.getByTestId('feed-form');
    this.testResult = this.form.getByTestId('feed-test-result');
    this.history = page.getByTestId('feed-history');
    this.notifications = page.getByTestId('feed-notification');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Pages' }).getByText('Integrations', { exact: true }).click();
    await expect(this.root.getByTestId('integrations-page')).toBeVisible();
    await this.root.getByRole('tab', { name: 'Feeds' }).click();
    await expect(this.tab).toBeVisible();
  }

  async startAdding(): Promise<void> {
    await this.tab.getByRole('button', { name: 'Add feed' }).first().click();
    await expect(this.dialog).toBeVisible();
  }

  /** A text box of the form by its label (secret inputs come with a visibility toggle named after them). */
  field(label: string): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  async chooseKind(label: 'Datadog RUM' | 'URL' | 'Watched folder'): Promise<void> {
    await this.form.getByRole('radio', { name: label, exact: true }).check();
  }

  async test(): Promise<void> {
    await this.form.getByRole('button', { name: 'Test', exact: true }).click();
  }

  feed(name: string): Locator {
    return this.table.locator(`tr[data-feed="${name}"]`);
  }

  status(name: string): Locator {
    return this.feed(name).getByTestId('feed-status');
  }

  /** Runs an item of a feed's "more actions" menu (Pause, Resume, Edit…, History…, Remove…). */
  async menu(feed: string, item: string): Promise<void> {
    await this.feed(feed).getByRole('button', { name: `More actions for ${feed}` }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }
}
