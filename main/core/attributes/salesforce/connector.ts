/**
 * The Salesforce connector (ARCHITECTURE.md §10): objects from describeGlobal, fields from
 * describe, rows from one REST SOQL query read page by page.
 *
 * Why not jsforce's `autoFetch`: in 3.10.16 a Query appends every fetched record to
 * `query.records` (whatever listens to its events) and fetches the next page without waiting
 * for the reader, so a 1M-row object would sit in memory twice. Following `nextRecordsUrl`
 * ourselves (`queryMore`) keeps one 2,000-record page in memory, lets the sync's pace drive
 * the fetching, and never truncates (no `maxFetch` is involved). `bulk2.query` is not used:
 * its paging is broken for multi-page results (jsforce #1546, #1693).
 */
import type { Connection, QueryResult } from 'jsforce';
import type { SalesforceFields, SourceColumn, SourceTable } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';
import { CancelledError, throwIfCancelled } from '../../jobs/cancelled';
import type { Connector, RawValue, ReadRequest, SaveSecrets } from '../connector';
import { toRawValue, valueTypeOf } from './fields';
import { createSalesforceSession } from './session';
import { checkObjectName, planQuery, type DescribedField, type DescribedObject } from './soql';

type SalesforceRecord = Record<string, unknown>;

/** Binary blobs are no attribute, and Salesforce refuses them in multi-row queries. */
const UNREADABLE_TYPES = new Set(['base64']);

/** Resolves with `work`, or rejects with CancelledError as soon as `signal` aborts. */
function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The answer no longer matters; only keep its failure from being an unhandled rejection.
    work.catch(() => undefined);
    return Promise.reject(new CancelledError('Sync cancelled'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError('Sync cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkPage(page: QueryResult<SalesforceRecord>): QueryResult<SalesforceRecord> {
  if (!page || !Array.isArray(page.records)) {
    throw new ApiError('source_failed', 'Salesforce answered the query with something that is not a query result');
  }
  return page;
}

export function openSalesforce(fields: SalesforceFields, deps: { saveSecrets: SaveSecrets }): Connector {
  const session = createSalesforceSession(fields, deps);
  const describes = new Map<string, Promise<DescribedObject>>();

  async function call<T>(action: string, run: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await session.connection();
    try {
      return await run(conn);
    } catch (err) {
      throw session.fail(err, action);
    }
  }

  function describe(table: string): Promise<DescribedObject> {
    const name = checkObjectName(table);
    const key = name.toLowerCase();
    let described = describes.get(key);
    if (!described) {
      described = call(`describe ${name}`, async (conn) => {
        try {
          const result = await conn.describe(name);
          return { name: result.name, fields: result.fields as DescribedField[] };
        } catch (err) {
          if ((err as { errorCode?: string }).errorCode === 'NOT_FOUND') {
            throw new ApiError('source_failed', `Salesforce has no object ${name} that this user can see (NOT_FOUND)`);
          }
          throw err;
        }
      });
      described.catch(() => describes.delete(key));
      describes.set(key, described);
    }
    return described;
  }

  /** The query's pages as rows aligned with `columns`, stopping after `limit` rows if given. */
  async function* rows(request: ReadRequest, limit?: number): AsyncGenerator<RawValue[][]> {
    const { signal } = request;
    throwIfCancelled(signal);
    const object = await unlessCancelled(describe(request.table), signal);
    const plan = planQuery(object, request.columns, request.keyColumn, limit);
    const action = `read ${object.name}`;
    let page = await unlessCancelled(call(action, async (conn) => await conn.query<SalesforceRecord>(plan.soql, { autoFetch: false })), signal);
    let left = limit ?? Infinity;
    for (;;) {
      const records = checkPage(page).records.slice(0, left);
      left -= records.length;
      if (records.length > 0) yield records.map((r) => plan.fields.map((f) => toRawValue(r[f.name], f.type)));
      const next = page.nextRecordsUrl;
      if (page.done || !next || left <= 0) return;
      throwIfCancelled(signal);
      page = await unlessCancelled(call(action, async (conn) => await conn.queryMore<SalesforceRecord>(next)), signal);
    }
  }

  return {
    async identity() {
      const who = await call('check who is signed in', (conn) => conn.identity());
      return who.username;
    },

    async tables(search) {
      const global = await call('list the objects', (conn) => conn.describeGlobal());
      const needle = search?.trim().toLowerCase() ?? '';
      const tables: SourceTable[] = global.sobjects
        .filter((o) => o.queryable)
        .filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.label.toLowerCase().includes(needle))
        .map((o) => (o.custom ? { name: o.name, label: o.label, detail: 'custom object' } : { name: o.name, label: o.label }));
      return tables.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.name.localeCompare(b.name));
    },

    async columns(table) {
      const object = await describe(table);
      return object.fields
        .filter((f) => !UNREADABLE_TYPES.has(f.type))
        .map((f): SourceColumn => ({ name: f.name, label: f.label, sourceType: f.type, type: valueTypeOf(f.type) }));
    },

    async preview(table, columns, keyColumn, limit) {
      const out: RawValue[][] = [];
      for await (const batch of rows({ table, columns, keyColumn, signal: new AbortController().signal }, limit)) out.push(...batch);
      return out;
    },

    read(request) {
      return rows(request);
    },

    async close() {
      // jsforce keeps no open session state worth ending (REST calls are independent
      // requests); dropping the cached describes is all there is to free.
      describes.clear();
    },
  };
}
