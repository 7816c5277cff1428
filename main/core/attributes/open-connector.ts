/**
 * A connector for a location whose secrets are already unsealed: what both the host thread
 * (the wizard's browsing) and the sync worker open (ARCHITECTURE.md §10). Nothing here touches
 * the store or the cipher.
 */
import type { SalesforceFields, SnowflakeFields } from '../../../common/attributes';
import type { Connector, SaveSecrets } from './connector';

export type OpenedLocation =
  | { kind: 'csv'; path: string; display: string }
  | { kind: 'salesforce'; fields: SalesforceFields }
  | { kind: 'snowflake'; fields: SnowflakeFields };

export interface OpenDeps {
  /** Secrets a connector obtained (a refreshed token), to be sealed into its connection. */
  saveSecrets: SaveSecrets;
  /** snowflake-sdk's OCSP cache: beside the store, never in the working folder. */
  privateDir: string;
  openBrowser?: (url: string) => void;
}

/** Each kind's module is loaded when first used: jsforce alone takes half a second to load. */
export async function openLocation(location: OpenedLocation, deps: OpenDeps): Promise<Connector> {
  switch (location.kind) {
    case 'csv':
      return (await import('./csv/csv-connector')).openCsv(location.path, location.display);
    case 'salesforce':
      return (await import('./salesforce')).openSalesforce(location.fields, { saveSecrets: deps.saveSecrets });
    case 'snowflake':
      return (await import('./snowflake')).openSnowflake(location.fields, { privateDir: deps.privateDir, openBrowser: deps.openBrowser });
  }
}
