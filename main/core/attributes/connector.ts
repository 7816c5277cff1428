/**
 * What every source kind (CSV, Salesforce, Snowflake) offers the wizard and the sync
 * (ARCHITECTURE.md §10). Each kind lives in its own folder beside this file and is opened by
 * `openConnector` (connectors.ts); the sync engine never knows which kind it reads.
 */
import type { SourceColumn, SourceTable } from '../../../common/attributes';

/**
 * A value as a connector hands it over. Text stays text; numbers and booleans as the source
 * typed them; times (Salesforce date/datetime, Snowflake DATE/TIMESTAMP_*) as ms since epoch,
 * UTC where the source has no zone. CSV hands over strings (and null for an empty field) and
 * the sync converts them to the attribute's type.
 */
export type RawValue = string | number | boolean | null;

export interface ReadRequest {
  /** As in SourceTable.name. */
  table: string;
  /** The columns to read, in this order; the key column is among them. */
  columns: string[];
  /** Rows come ordered by this column, then by the table's own id (so the first duplicate wins deterministically). */
  keyColumn: string;
  signal: AbortSignal;
}

export interface Connector {
  /** Logs in if needed and returns who the source says we are ("alice@acme.com", "ALICE (ROLE ANALYST)"). */
  identity(): Promise<string>;
  /** Tables (objects, views) the credentials can read, filtered by a case-insensitive search. */
  tables(search?: string): Promise<SourceTable[]>;
  /** A table's columns with the attribute type each would take by default. */
  columns(table: string): Promise<SourceColumn[]>;
  /** The first `limit` rows in the order `read` uses, values as in `read`. */
  preview(table: string, columns: string[], keyColumn: string, limit: number): Promise<RawValue[][]>;
  /**
   * Every row of the table, streamed in batches (rows are arrays aligned with `columns`).
   * Never truncates. Stops with CancelledError when `signal` aborts.
   */
  read(request: ReadRequest): AsyncIterable<RawValue[][]>;
  /** Ends the session (Snowflake) and frees sockets. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Secrets a connector obtained while working (a refreshed Salesforce access token, the tokens
 * of an OAuth login), to be stored encrypted in place of the old ones.
 */
export type SaveSecrets = (secrets: Record<string, string>) => Promise<void> | void;
