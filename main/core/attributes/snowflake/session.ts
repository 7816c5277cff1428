/**
 * One snowflake-sdk connection, opened on first use and shared by every call of a connector:
 * logs in (mapping refusals to the credential that was refused), runs small queries whole and
 * large ones streamed (`streamResult` + `streamRows()`, pulled batch by batch so a slow
 * consumer holds the driver back), cancels, and ends the session on close. Every call fails
 * promptly when the account stops answering (answer-watch.ts) instead of waiting out the
 * driver's retries.
 */
import type { Binds, Connection, RowStatement } from 'snowflake-sdk';
import type { SnowflakeFields } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';
import { CancelledError } from '../../jobs/cancelled';
import type { RawValue } from '../connector';
import { hostKey, watchAnswers } from './answer-watch';
import { accountUrl, loginError, queryError, unreachable } from './errors';
import { connectionOptions, type OptionDeps } from './options';
import { loadSnowflakeSdk } from './sdk';
import { toRawValue } from './types';

export interface SessionDeps extends OptionDeps {
  privateDir: string;
}

type Fail = (err: ApiError) => void;

const CLOSE_WAIT_MS = 5_000;

/** The host the driver will talk to, as its requests' Host header names it. */
export function driverHost(fields: SnowflakeFields): string {
  if (fields.accessUrl) return hostKey(fields.accessUrl);
  // As snowflake-sdk builds it from the account: `account[.region]`, us-west-2 being the default region.
  const [account, ...rest] = fields.account.toLowerCase().split('.');
  const region = rest.join('.');
  if (!region || region === 'us-west-2') return `${account}.snowflakecomputing.com`;
  return region.startsWith('cn-') ? `${account}.${region}.snowflakecomputing.cn` : `${account}.${region}.snowflakecomputing.com`;
}

export class SnowflakeSession {
  private connection: Promise<Connection> | undefined;
  private readonly pending = new Set<Fail>();
  private unwatch: (() => void) | undefined;
  private closed = false;
  /** The account stopped answering: nothing more is sent to it on the way out (the driver would retry for minutes). */
  private gone = false;

  constructor(
    private readonly fields: SnowflakeFields,
    private readonly deps: SessionDeps,
  ) {}

  private readonly onDead = (detail: string): void => {
    this.gone = true;
    const err = unreachable(this.fields, detail);
    for (const fail of [...this.pending]) fail(err);
  };

  /** Runs a callback-style driver call; it also fails when the account stops answering. */
  private guarded<T>(start: (resolve: (value: T) => void, reject: (err: unknown) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail: Fail = (err) => {
        this.pending.delete(fail);
        reject(err);
      };
      this.pending.add(fail);
      start(
        (value) => {
          this.pending.delete(fail);
          resolve(value);
        },
        (err) => fail(err as ApiError),
      );
    });
  }

  connect(): Promise<Connection> {
    if (this.closed) return Promise.reject(new ApiError('source_failed', 'This Snowflake connection is closed'));
    this.connection ??= this.open().catch((err: unknown) => {
      this.connection = undefined;
      throw err;
    });
    return this.connection;
  }

  private async open(): Promise<Connection> {
    const sdk = await loadSnowflakeSdk(this.deps.privateDir);
    const options = await connectionOptions(this.fields, this.deps);
    this.unwatch ??= watchAnswers(driverHost(this.fields), this.onDead);
    let connection: Connection;
    try {
      connection = sdk.createConnection(options);
    } catch (err) {
      throw new ApiError('invalid_input', `The Snowflake connection's settings are invalid: ${(err as Error).message}`);
    }
    try {
      await this.guarded<void>((resolve, reject) => {
        const done = (err: unknown): void => (err ? reject(err) : resolve());
        // The driver insists on connectAsync for browser SSO.
        if (this.fields.auth === 'sso') connection.connectAsync(done).catch(() => {});
        else connection.connect(done);
      });
    } catch (err) {
      throw loginError(err, this.fields);
    }
    return connection;
  }

  /** A small query's rows, whole. */
  async rows<Row>(sqlText: string, binds: Binds, what: string, rowMode: 'array' | 'object'): Promise<Row[]> {
    const connection = await this.connect();
    return this.guarded<Row[]>((resolve, reject) => {
      connection.execute({
        sqlText,
        binds,
        rowMode,
        fetchAsString: ['JSON'],
        complete: (err, _statement, rows) => (err ? reject(queryError(err, this.fields, what)) : resolve((rows ?? []) as Row[])),
      });
    });
  }

  /** A query's rows in batches of `batchSize`, converted to RawValue, pulled as the consumer asks. */
  async *stream(sqlText: string, what: string, signal: AbortSignal, batchSize: number): AsyncGenerator<RawValue[][]> {
    const cancelled = (): CancelledError => new CancelledError('Sync cancelled');
    if (signal.aborted) throw cancelled();
    const connection = await this.connect();
    let statement: RowStatement | undefined;
    let stop: ((err: Error) => void) | undefined;
    let finished = false;
    const onAbort = (): void => stop?.(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      statement = await this.guarded<RowStatement>((resolve, reject) => {
        stop = reject;
        connection.execute({
          sqlText,
          streamResult: true,
          rowMode: 'array',
          fetchAsString: ['JSON'],
          complete: (err, stmt) => (err ? reject(queryError(err, this.fields, what)) : resolve(stmt as RowStatement)),
        });
      });
      if (signal.aborted) throw cancelled();
      const rows = statement.streamRows();
      stop = (err) => rows.destroy(err);
      this.pending.add(stop);
      let batch: RawValue[][] = [];
      try {
        for await (const row of rows as AsyncIterable<unknown[]>) {
          const values = new Array<RawValue>(row.length);
          for (let i = 0; i < row.length; i++) values[i] = toRawValue(row[i]);
          batch.push(values);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
            if (signal.aborted) throw cancelled();
          }
        }
      } catch (err) {
        if (signal.aborted) throw cancelled();
        throw queryError(err, this.fields, what);
      } finally {
        this.pending.delete(stop);
      }
      if (batch.length > 0) yield batch;
      finished = true;
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Stopped early (cancel, failure, a consumer that had enough): Snowflake may stop working too.
      if (!finished && statement && !this.gone) statement.cancel(() => {});
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    const pending = this.connection;
    this.connection = undefined;
    if (!pending) return;
    const connection = await pending.catch(() => undefined);
    if (!connection) return;
    if (this.gone) {
      connection.destroy(() => {});
      return;
    }
    // Logs out (POST /session?delete=true); an account that no longer answers isn't waited for.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_WAIT_MS);
      timer.unref();
      connection.destroy(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** As messages name the account. */
  get url(): string {
    return accountUrl(this.fields);
  }
}
