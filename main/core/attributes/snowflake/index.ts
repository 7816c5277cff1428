/**
 * The Snowflake connector (connector.ts) over snowflake-sdk: who we are from CURRENT_USER()
 * and CURRENT_ROLE(); tables and views from each database's INFORMATION_SCHEMA (searched with
 * a bound parameter); columns with their Snowflake type and the attribute type it maps to; and
 * the table read whole, streamed, ordered by the key column (nulls last) and then by every
 * other column read, so the first of duplicate keys is the same on every sync.
 */
import type { SnowflakeFields, SourceColumn, SourceTable } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';
import type { Connector, RawValue, ReadRequest } from '../connector';
import { snowflakeCode } from './errors';
import { formatTableName, parseIdentifier, parseTableName, qualifiedName, quoteIdentifier, type TableName } from './names';
import { SnowflakeSession, type SessionDeps } from './session';
import { sourceTypeName, toRawValue, valueTypeOf } from './types';

export type SnowflakeDeps = SessionDeps;

/** Rows per batch handed to the sync. */
const BATCH_ROWS = 5_000;
/** The wizard's table list stops here; a search narrows it. */
const MAX_TABLES = 2_000;

/** Errors of one database's INFORMATION_SCHEMA that only mean "not for this role". */
const SKIPPABLE = new Set(['002003', '002043', '003001']);

interface TableRow {
  TABLE_SCHEMA: string;
  TABLE_NAME: string;
  TABLE_TYPE: string;
}

interface ColumnRow {
  COLUMN_NAME: string;
  DATA_TYPE: string;
  NUMERIC_PRECISION: number | null;
  NUMERIC_SCALE: number | null;
}

/** The SELECT that read and preview share: the key first in the order, nulls last, then the other columns. */
export function selectSql(table: TableName, columns: string[], keyColumn: string, limit?: number): string {
  if (columns.length === 0) throw new ApiError('invalid_input', 'No Snowflake column to read');
  if (!columns.includes(keyColumn)) throw new ApiError('invalid_input', `The key column ${keyColumn} is not among the columns read`);
  const order = [`${quoteIdentifier(keyColumn)} NULLS LAST`, ...columns.filter((c) => c !== keyColumn).map(quoteIdentifier)];
  const sql = `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedName(table)} ORDER BY ${order.join(', ')}`;
  return limit === undefined ? sql : `${sql} LIMIT ${Math.max(0, Math.floor(limit))}`;
}

export function openSnowflake(fields: SnowflakeFields, deps: SnowflakeDeps): Connector {
  const session = new SnowflakeSession(fields, deps);

  const databases = async (): Promise<string[]> => {
    if (fields.database) return [parseIdentifier(fields.database)];
    const rows = await session.rows<[string]>(
      'SELECT DATABASE_NAME FROM SNOWFLAKE.INFORMATION_SCHEMA.DATABASES ORDER BY DATABASE_NAME',
      [],
      'the list of databases',
      'array',
    );
    return rows.map((r) => r[0]);
  };

  const tablesOf = async (database: string, search: string): Promise<SourceTable[]> => {
    const binds: string[] = [];
    let sql = `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM ${quoteIdentifier(database)}.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'`;
    if (search) {
      sql += ` AND CONTAINS(LOWER(TABLE_CATALOG || '.' || TABLE_SCHEMA || '.' || TABLE_NAME), ?)`;
      binds.push(search.toLowerCase());
    }
    if (fields.schema) {
      sql += ' AND TABLE_SCHEMA = ?';
      binds.push(parseIdentifier(fields.schema));
    }
    sql += ' ORDER BY TABLE_SCHEMA, TABLE_NAME';
    const rows = await session.rows<TableRow>(sql, binds, `the tables of ${database}`, 'object');
    return rows.map((r) => {
      const name = formatTableName({ database, schema: r.TABLE_SCHEMA, table: r.TABLE_NAME });
      const view = /VIEW/i.test(r.TABLE_TYPE);
      return view ? { name, label: name, detail: r.TABLE_TYPE === 'VIEW' ? 'view' : r.TABLE_TYPE.toLowerCase() } : { name, label: name };
    });
  };

  return {
    async identity() {
      const rows = await session.rows<[string, string | null]>('SELECT CURRENT_USER(), CURRENT_ROLE()', [], 'who is logged in', 'array');
      const [user, role] = rows[0] ?? [fields.username, null];
      return role ? `${user} (role ${role})` : user;
    },

    async tables(search) {
      const term = (search ?? '').trim();
      const names = await databases();
      const found: SourceTable[] = [];
      for (const database of names) {
        try {
          found.push(...(await tablesOf(database, term)));
        } catch (err) {
          // A database this role can't see is no reason to hide the others (unless it's the connection's own).
          if (fields.database || !SKIPPABLE.has(snowflakeCode(err) ?? '')) throw err;
        }
        if (found.length >= MAX_TABLES) break;
      }
      return found.slice(0, MAX_TABLES);
    },

    async columns(table) {
      const name = parseTableName(table);
      const rows = await session.rows<ColumnRow>(
        `SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM ${quoteIdentifier(name.database)}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
        [name.schema, name.table],
        `the columns of ${table}`,
        'object',
      );
      if (rows.length === 0) {
        throw new ApiError('source_failed', `Snowflake has no table ${formatTableName(name)} that role ${fields.role ?? '(default)'} can see`);
      }
      return rows.map((r): SourceColumn => ({
        name: r.COLUMN_NAME,
        label: r.COLUMN_NAME,
        sourceType: sourceTypeName(r.DATA_TYPE, r.NUMERIC_PRECISION, r.NUMERIC_SCALE),
        type: valueTypeOf(r.DATA_TYPE),
      }));
    },

    async preview(table, columns, keyColumn, limit) {
      const name = parseTableName(table);
      const rows = await session.rows<unknown[]>(selectSql(name, columns, keyColumn, limit), [], formatTableName(name), 'array');
      return rows.map((row) => row.map(toRawValue));
    },

    read(request: ReadRequest): AsyncIterable<RawValue[][]> {
      const name = parseTableName(request.table);
      const sql = selectSql(name, request.columns, request.keyColumn);
      return session.stream(sql, formatTableName(name), request.signal, BATCH_ROWS);
    },

    close: () => session.close(),
  };
}
