/**
 * The SQL the Snowflake test server understands: exactly what the connector sends, matched with
 * small regexes (CURRENT_USER/CURRENT_ROLE, INFORMATION_SCHEMA.DATABASES/TABLES/COLUMNS, and a
 * SELECT of quoted columns from a quoted table with ORDER BY … NULLS LAST and LIMIT). The
 * SELECT really sorts, so a connector that relies on the order gets it.
 */
import {
  columnType, compareKeys, encodeCell, sortKey, tableKey,
  type ColumnType, type SnowflakeTableSpec,
} from './snowflake-data';

export interface RowTypeEntry {
  name: string;
  type: ColumnType['wire'];
  scale: number | null;
  precision: number | null;
  nullable: boolean;
  database: string;
  schema: string;
  table: string;
  byteLength: number | null;
  length: number | null;
}

export interface SqlResult {
  rowtype: RowTypeEntry[];
  rows: Array<Array<string | null>>;
}

export class SqlError extends Error {
  constructor(readonly code: string, message: string, readonly sqlState: string) {
    super(message);
  }
}

export interface SqlContext {
  user: string;
  role: string;
  tables: Map<string, SnowflakeTableSpec>;
  /** Columns whose SELECT fails (`DB.SCHEMA.TABLE.COLUMN` or just `COLUMN`). */
  failingColumns: Set<string>;
  /** Positional binds, as the request's `bindings` carry them. */
  binds: Array<string | null>;
}

const IDENT = '"((?:[^"]|"")+)"';
const unquote = (s: string): string => s.replace(/""/g, '"');

function textColumns(names: string[], rows: Array<Array<string | null>>): SqlResult {
  const rowtype = names.map((name) => entry(name, { dataType: 'TEXT', precision: null, scale: null, wire: 'text' }));
  return { rowtype, rows };
}

function entry(name: string, type: ColumnType, table?: SnowflakeTableSpec): RowTypeEntry {
  return {
    name,
    type: type.wire,
    scale: type.scale,
    precision: type.precision,
    nullable: true,
    database: table?.database ?? '',
    schema: table?.schema ?? '',
    table: table?.name ?? '',
    byteLength: type.wire === 'text' ? 16_777_216 : null,
    length: type.wire === 'text' ? 16_777_216 : null,
  };
}

function databaseTables(ctx: SqlContext, database: string): SnowflakeTableSpec[] {
  const tables = [...ctx.tables.values()].filter((t) => t.database === database);
  if (tables.length === 0) {
    throw new SqlError('002003', `SQL compilation error:\nDatabase '${database}' does not exist or not authorized.`, '02000');
  }
  return tables;
}

export function runSql(sqlText: string, ctx: SqlContext): SqlResult {
  const sql = sqlText.trim().replace(/;$/, '');

  if (/^SELECT\s+CURRENT_USER\(\)\s*,\s*CURRENT_ROLE\(\)$/i.test(sql)) {
    return textColumns(['CURRENT_USER()', 'CURRENT_ROLE()'], [[ctx.user, ctx.role]]);
  }

  if (/^SELECT\s+DATABASE_NAME\s+FROM\s+SNOWFLAKE\.INFORMATION_SCHEMA\.DATABASES\b/i.test(sql)) {
    const names = [...new Set([...ctx.tables.values()].map((t) => t.database))].sort();
    return textColumns(['DATABASE_NAME'], names.map((n) => [n]));
  }

  const tablesQuery = new RegExp(`^SELECT\\s+TABLE_SCHEMA\\s*,\\s*TABLE_NAME\\s*,\\s*TABLE_TYPE\\s+FROM\\s+${IDENT}\\.INFORMATION_SCHEMA\\.TABLES\\b(.*)$`, 'is').exec(sql);
  if (tablesQuery) {
    const database = unquote(tablesQuery[1]!);
    const rest = tablesQuery[2]!;
    const search = /CONTAINS\s*\(\s*LOWER\(/i.test(rest) ? (ctx.binds[0] ?? '') : '';
    const schemaFilter = /TABLE_SCHEMA\s*=\s*\?/i.test(rest) ? ctx.binds[search ? 1 : 0] : undefined;
    const rows = databaseTables(ctx, database)
      .filter((t) => schemaFilter === undefined || t.schema === schemaFilter)
      .filter((t) => `${t.database}.${t.schema}.${t.name}`.toLowerCase().includes(search.toLowerCase()))
      .sort((a, b) => compareKeys(a.schema, b.schema) || compareKeys(a.name, b.name))
      .map((t) => [t.schema, t.name, t.kind ?? 'BASE TABLE']);
    return textColumns(['TABLE_SCHEMA', 'TABLE_NAME', 'TABLE_TYPE'], rows);
  }

  const columnsQuery = new RegExp(`^SELECT\\s+COLUMN_NAME\\s*,\\s*DATA_TYPE\\s*,\\s*NUMERIC_PRECISION\\s*,\\s*NUMERIC_SCALE\\s+FROM\\s+${IDENT}\\.INFORMATION_SCHEMA\\.COLUMNS\\s+WHERE\\s+TABLE_SCHEMA\\s*=\\s*\\?\\s+AND\\s+TABLE_NAME\\s*=\\s*\\?`, 'is').exec(sql);
  if (columnsQuery) {
    const database = unquote(columnsQuery[1]!);
    databaseTables(ctx, database);
    const table = ctx.tables.get(tableKey(database, ctx.binds[0] ?? '', ctx.binds[1] ?? ''));
    const rows = (table?.columns ?? []).map((c) => {
      const type = columnType(c.type);
      return [c.name, type.dataType, type.precision === null ? null : String(type.precision), type.scale === null || type.wire !== 'fixed' ? null : String(type.scale)];
    });
    const result = textColumns(['COLUMN_NAME', 'DATA_TYPE', 'NUMERIC_PRECISION', 'NUMERIC_SCALE'], rows);
    result.rowtype[2] = entry('NUMERIC_PRECISION', columnType('NUMBER(38,0)'));
    result.rowtype[3] = entry('NUMERIC_SCALE', columnType('NUMBER(38,0)'));
    return result;
  }

  const select = new RegExp(`^SELECT\\s+(.+?)\\s+FROM\\s+${IDENT}\\.${IDENT}\\.${IDENT}(?:\\s+ORDER\\s+BY\\s+(.+?))?(?:\\s+LIMIT\\s+(\\d+))?$`, 'is').exec(sql);
  if (select) return selectRows(select, ctx);

  throw new SqlError('001003', `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${sql.slice(0, 20)}'.`, '42000');
}

function identifiers(list: string): string[] {
  const parts = list.split(/\s*,\s*(?=")/);
  return parts.map((p) => {
    const m = new RegExp(`^${IDENT}(?:\\s+NULLS\\s+LAST)?$`, 'i').exec(p.trim());
    if (!m) throw new SqlError('001003', `SQL compilation error:\nsyntax error near '${p.slice(0, 30)}'.`, '42000');
    return unquote(m[1]!);
  });
}

function selectRows(m: RegExpExecArray, ctx: SqlContext): SqlResult {
  const [database, schema, name] = [unquote(m[2]!), unquote(m[3]!), unquote(m[4]!)];
  const table = ctx.tables.get(tableKey(database, schema, name));
  if (!table) {
    throw new SqlError('002003', `SQL compilation error:\nObject '${database}.${schema}.${name}' does not exist or not authorized.`, '42S02');
  }
  const indexOf = (column: string): number => {
    const i = table.columns.findIndex((c) => c.name === column);
    const failing = ctx.failingColumns.has(column) || ctx.failingColumns.has(`${database}.${schema}.${name}.${column}`);
    if (i < 0 || failing) {
      throw new SqlError('000904', `SQL compilation error: error line 1 at position 7\ninvalid identifier '"${column}"'`, '42000');
    }
    return i;
  };
  const selected = identifiers(m[1]!).map(indexOf);
  const order = m[5] ? identifiers(m[5]).map(indexOf) : [];
  const types = table.columns.map((c) => columnType(c.type));
  let rows = table.rows;
  if (order.length > 0) {
    const keyed = rows.map((row, i) => ({ row, i, keys: order.map((c) => sortKey(row[c] ?? null, types[c]!)) }));
    keyed.sort((a, b) => {
      for (let k = 0; k < order.length; k++) {
        const c = compareKeys(a.keys[k]!, b.keys[k]!);
        if (c !== 0) return c;
      }
      return a.i - b.i;
    });
    rows = keyed.map((k) => k.row);
  }
  if (m[6]) rows = rows.slice(0, Number(m[6]));
  return {
    rowtype: selected.map((c) => entry(table.columns[c]!.name, types[c]!, table)),
    rows: rows.map((row) => selected.map((c) => encodeCell(row[c] ?? null, types[c]!))),
  };
}
