/**
 * Snowflake identifiers: parsing `DATABASE.SCHEMA.TABLE` as Snowflake resolves it (unquoted
 * parts are upper-cased, "quoted" parts kept as written) and quoting names for SQL. Every name
 * that reaches SQL is double-quoted with its quotes doubled; user input never becomes SQL text
 * any other way (searches are bound parameters).
 */
import { ApiError } from '../../dispatcher';

export interface TableName {
  database: string;
  schema: string;
  table: string;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"DB"."SCHEMA"."TABLE"`. */
export function qualifiedName(name: TableName): string {
  return [name.database, name.schema, name.table].map(quoteIdentifier).join('.');
}

const BARE = /^[A-Z_][A-Z0-9_$]*$/;

/** How a table is named to users and in source definitions: bare where Snowflake would upper-case it back, quoted otherwise. */
export function formatTableName(name: TableName): string {
  return [name.database, name.schema, name.table].map((p) => (BARE.test(p) ? p : quoteIdentifier(p))).join('.');
}

/** One identifier as Snowflake resolves it: `"quoted"` as written, bare upper-cased. */
export function parseIdentifier(text: string): string {
  const s = text.trim();
  if (/^"(?:[^"]|"")+"$/.test(s)) return s.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(s) ? s.toUpperCase() : s;
}

export function parseTableName(text: string): TableName {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  const bad = (): never => {
    throw new ApiError('invalid_input', `Snowflake tables are named DATABASE.SCHEMA.TABLE, got "${text}"`);
  };
  while (i <= s.length) {
    if (s[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= s.length) bad();
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += s[i++];
      }
      if (part === '') bad();
      parts.push(part);
    } else {
      const end = s.indexOf('.', i);
      const part = s.slice(i, end < 0 ? s.length : end).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(part)) bad();
      parts.push(part.toUpperCase());
      i = end < 0 ? s.length : end;
    }
    if (i >= s.length) break;
    if (s[i] !== '.') bad();
    i++;
  }
  if (parts.length !== 3) bad();
  return { database: parts[0]!, schema: parts[1]!, table: parts[2]! };
}
