import { expect, type Locator, type Page } from '@playwright/test';

/** The profile detail drawer (user or account). */
export class DetailDrawer {
  readonly dialog: Locator;
  readonly title: Locator;
  readonly kind: Locator;
  readonly id: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog').filter({ has: page.getByTestId('detail-kind') });
    this.title = this.dialog.getByTestId('detail-title');
    this.kind = this.dialog.getByTestId('detail-kind');
    this.id = this.dialog.getByTestId('detail-id');
  }

  section(name: string): Locator {
    return this.dialog.getByRole('region', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.dialog.getByRole('heading', { name, exact: true });
  }

  async expectUser(id: string): Promise<void> {
    await expect(this.kind).toHaveText('User profile');
    await expect(this.id).toHaveText(id);
  }

  async expectAccount(id: string): Promise<void> {
    await expect(this.kind).toHaveText('Account profile');
    await expect(this.id).toHaveText(id);
  }

  async back(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Back' }).click();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
}
