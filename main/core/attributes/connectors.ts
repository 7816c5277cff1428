/**
 * Opens the connector of a source kind (ARCHITECTURE.md §10): a CSV file, or a saved
 * connection with its secrets unsealed for this one use. Secrets a connector obtains while it
 * works (a refreshed Salesforce token) are sealed back into the connection.
 */
import { join, dirname } from 'node:path';
import type { SalesforceFields, SnowflakeFields, SourceKind } from '../../../common/attributes';
import { ApiError } from '../dispatcher';
import { writeWhenFree } from '../store/write-lock';
import type { Db } from '../store/open';
import type { ConnectionStore } from './connection-store';
import type { Connector } from './connector';
import { openCsv } from './csv/csv-connector';
import { openSalesforce } from './salesforce';
import { openSnowflake } from './snowflake';

export interface ConnectorHost {
  db: Db;
  dbPath: string;
  connections: ConnectionStore;
  openBrowser?: (url: string) => void;
}

/** Where a table lives: a CSV file (a host path and how it is shown), or a saved connection. */
export type SourceLocation = { kind: 'csv'; path: string; display: string } | { kind: Exclude<SourceKind, 'csv'>; connection: string };

export function openConnector(host: ConnectorHost, location: SourceLocation): Connector {
  if (location.kind === 'csv') return openCsv(location.path, location.display);
  const row = host.connections.get(location.connection);
  if (row.kind !== location.kind) {
    throw new ApiError('invalid_input', `"${row.name}" is a ${row.kind} connection, not ${location.kind}`);
  }
  const opened = host.connections.open(row);
  if (opened.kind === 'salesforce') {
    return openSalesforce(opened.fields as SalesforceFields, {
      saveSecrets: (secrets) => writeWhenFree(host.db, () => host.connections.updateSecrets(opened.id, secrets)),
    });
  }
  return openSnowflake(opened.fields as SnowflakeFields, {
    // snowflake-sdk's OCSP cache: beside the store, never in the working folder.
    privateDir: join(dirname(host.dbPath), 'cache'),
    openBrowser: host.openBrowser,
  });
}

/** Runs `use` with an open connector and closes it after, whatever happens. */
export async function withConnector<T>(host: ConnectorHost, location: SourceLocation, use: (c: Connector) => Promise<T>): Promise<T> {
  const connector = openConnector(host, location);
  try {
    return await use(connector);
  } finally {
    await connector.close().catch(() => undefined);
  }
}
