import { expect, type Locator, type Page } from '@playwright/test';

/** The Integrations page: custom attributes with their sources, the Add attributes wizard, connections. */
export class IntegrationsPanel {
  readonly root: Locator;
  readonly attributesTab: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  /** The open wizard (Add attributes, or Edit source …). */
  readonly wizard: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-page="integrations"]');
    this.attributesTab = this.root.getByTestId('attributes-tab');
    this.table = this.root.getByTestId('attributes-table');
    this.empty = this.root.getByTestId('no-attributes');
    this.wizard = page.getByRole('dialog').filter({ has: page.getByTestId('attributes-wizard') });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Pages' }).getByText('Integrations', { exact: true }).click();
    await expect(this.root.getByTestId('integrations-page')).toBeVisible();
  }

  async showTab(name: 'Custom attributes' | 'Connections'): Promise<void> {
    await this.root.getByRole('tab', { name }).click();
  }

  source(name: string): Locator {
    return this.table.locator(`tbody[data-source="${name}"]`);
  }

  attribute(name: string): Locator {
    return this.table.locator(`tr[data-attribute="${name}"]`);
  }

  async startWizard(): Promise<void> {
    await this.root.getByRole('button', { name: 'Add attributes' }).first().click();
    await expect(this.wizard).toBeVisible();
  }

  /** The wizard's active step content (`step-source`, `step-table`, …). */
  step(id: 'source' | 'table' | 'join' | 'columns' | 'schedule'): Locator {
    return this.wizard.getByTestId(`step-${id}`);
  }

  async next(): Promise<void> {
    await this.wizard.getByRole('button', { name: 'Next', exact: true }).click();
  }

  async chooseKind(label: 'CSV reference table' | 'Salesforce' | 'Snowflake'): Promise<void> {
    await this.step('source').getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }

  async chooseCsv(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.step('source').getByTestId('csv-file').click();
    await (await chooser).setFiles(path);
  }

  /** A column row of the attributes step. */
  column(name: string): Locator {
    return this.step('columns').locator(`tr[data-column="${name}"]`);
  }

  async importColumn(column: string, expectedName: string, type?: string): Promise<void> {
    await this.column(column).getByRole('checkbox', { name: `Import ${column}` }).check();
    await expect(this.column(column).getByLabel(`Attribute name for ${column}`)).toHaveValue(expectedName);
    if (type) await expect(this.column(column).getByLabel(`Type of ${column}`)).toHaveValue(type);
  }

  /** Runs an item of a source's "more actions" menu (Edit…, History…, Remove…). */
  async menu(source: string, item: string): Promise<void> {
    await this.source(source).getByRole('button', { name: `More actions for ${source}` }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }
}
