import { expect, type Locator, type Page } from '@playwright/test';
import type { Api } from '../support/api';
import { DetailDrawer } from './DetailDrawer';
import { GridPage } from './GridPage';

/** The whole window: shell, navigation, import, status bar, summary dialog. */
export class AppPage {
  readonly users: GridPage;
  readonly accounts: GridPage;
  readonly detail: DetailDrawer;
  readonly nav: Locator;
  readonly importButton: Locator;
  readonly summary: Locator;
  readonly summaryTitle: Locator;
  readonly jobStatus: Locator;
  /** The next import waiting for the running one to end (imports run one at a time). */
  readonly queuedJob: Locator;
  readonly statusBar: Locator;

  constructor(
    readonly page: Page,
    readonly api: Api,
    /** The host URL (browser target); null in Electron, whose window opens by itself. */
    private readonly url: string | null,
  ) {
    this.users = new GridPage(page, 'users', 'user');
    this.accounts = new GridPage(page, 'accounts', 'account');
    this.detail = new DetailDrawer(page);
    this.nav = page.getByRole('navigation', { name: 'Pages' });
    this.importButton = page.getByRole('banner').getByRole('button', { name: 'Import events…' });
    this.summary = page.getByRole('dialog').filter({ has: page.getByTestId('import-summary') });
    this.summaryTitle = page.getByTestId('import-summary-title');
    this.jobStatus = page.getByTestId('job-status');
    this.queuedJob = page.getByTestId('job-queued');
    this.statusBar = page.getByRole('status', { name: 'Status' });
  }

  async open(): Promise<void> {
    if (this.url) await this.page.goto(this.url);
    await this.expectConnected();
  }

  /**
   * Reloads the window at its current URL. Not `open()`: going to the host URL again would
   * change only the hash, dropping the state kept there (`users.q`) while the app is running.
   */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.expectConnected();
  }

  private async expectConnected(): Promise<void> {
    await expect(this.nav).toBeVisible();
    await expect(this.statusBar).not.toContainText('Connecting');
  }

  async goTo(name: 'Users' | 'Accounts'): Promise<void> {
    await this.nav.getByText(name, { exact: true }).click();
    await expect(this.page.locator(`[data-page="${name.toLowerCase()}"]`)).toBeVisible();
  }

  /** Imports files through the header button and the system file picker. */
  async importFiles(paths: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importButton.click();
    await (await chooser).setFiles(paths);
  }

  async expectSummary(title: string | RegExp): Promise<void> {
    await expect(this.summary).toBeVisible({ timeout: 60_000 });
    await expect(this.summaryTitle).toHaveText(title);
  }

  async closeSummary(): Promise<void> {
    await this.summary.getByRole('button', { name: 'Close' }).last().click();
    await expect(this.summary).toBeHidden();
  }
}
