/**
 * Where a source's rows come from, on the host thread (ARCHITECTURE.md §10): a CSV file, or a
 * saved connection whose secrets are unsealed for this one use. Secrets a connector obtains
 * while it works (a refreshed Salesforce token) are sealed back into the connection.
 */
import { dirname, join } from 'node:path';
import type { SalesforceFields, SnowflakeFields, SourceKind } from '../../../common/attributes';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';
import { writeWhenFree } from '../store/write-lock';
import type { ConnectionStore } from './connection-store';
import type { Connector } from './connector';
import { openLocation, type OpenDeps, type OpenedLocation } from './open-connector';

export interface ConnectorHost {
  db: Db;
  dbPath: string;
  nativeBinding?: string;
  connections: ConnectionStore;
  openBrowser?: (url: string) => void;
}

/** Where a table lives: a CSV file (a host path and how it is shown), or a saved connection. */
export type SourceLocation = { kind: 'csv'; path: string; display: string } | { kind: Exclude<SourceKind, 'csv'>; connection: string };

/** The location with its connection's secrets unsealed, and the connection's id (for refreshed secrets). */
export function unseal(host: ConnectorHost, location: SourceLocation): { opened: OpenedLocation; connectionId: number | null } {
  if (location.kind === 'csv') return { opened: location, connectionId: null };
  const row = host.connections.get(location.connection);
  if (row.kind !== location.kind) {
    throw new ApiError('invalid_input', `"${row.name}" is a ${row.kind} connection, not ${location.kind}`);
  }
  const { id, kind, fields } = host.connections.open(row);
  const opened: OpenedLocation =
    kind === 'salesforce' ? { kind, fields: fields as SalesforceFields } : { kind, fields: fields as SnowflakeFields };
  return { opened, connectionId: id };
}

/** What a connector of this host needs besides its location. */
export function openDeps(host: ConnectorHost, connectionId: number | null): OpenDeps {
  return {
    saveSecrets: (secrets) => (connectionId === null ? undefined : writeWhenFree(host.db, () => host.connections.updateSecrets(connectionId, secrets))),
    privateDir: join(dirname(host.dbPath), 'cache'),
    openBrowser: host.openBrowser,
  };
}

export function openConnector(host: ConnectorHost, location: SourceLocation): Promise<Connector> {
  const { opened, connectionId } = unseal(host, location);
  return openLocation(opened, openDeps(host, connectionId));
}

/** Runs `use` with an open connector and closes it after, whatever happens. */
export async function withConnector<T>(host: ConnectorHost, location: SourceLocation, use: (c: Connector) => Promise<T>): Promise<T> {
  const connector = await openConnector(host, location);
  try {
    return await use(connector);
  } finally {
    await connector.close().catch(() => undefined);
  }
}
