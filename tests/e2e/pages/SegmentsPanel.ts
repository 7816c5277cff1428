import { expect, type Locator, type Page } from '@playwright/test';

/** The Segments page: the list with live counts and each segment's actions. */
export class SegmentsPanel {
  readonly root: Locator;
  readonly table: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-page="segments"]');
    this.table = this.root.getByTestId('segments-table');
    this.empty = this.root.getByTestId('no-segments');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Pages' }).getByText('Segments', { exact: true }).click();
    await expect(this.root.getByTestId('segments-page')).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-segment="${name}"]`);
  }

  count(name: string): Locator {
    return this.row(name).getByTestId('segment-count');
  }

  /** Runs an item of a segment's "more actions" menu (Rename…, Duplicate…, Delete…, Export CSV…). */
  async menu(name: string, item: string): Promise<void> {
    await this.row(name).getByRole('button', { name: `More actions for ${name}` }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /** The open dialog with this title. */
  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }
}
