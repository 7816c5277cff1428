/**
 * The test server's SOQL: just what the connector sends —
 * `SELECT a, b FROM X [ORDER BY k [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n]` — answered like
 * Salesforce answers it, errors included (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD with
 * the statement quoted over several lines).
 */
import type { TestObject, TestRecord, TestValue } from './salesforce-data';

export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_TYPE' | 'INVALID_FIELD',
    message: string,
  ) {
    super(message);
  }
}

export interface OrderItem {
  field: string;
  descending: boolean;
  nullsLast: boolean;
}

export interface ParsedSoql {
  fields: string[];
  object: string;
  orderBy: OrderItem[];
  limit: number | null;
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Salesforce's way: the statement, a caret under the column, then the reason. */
function located(soql: string, token: string, reason: string): string {
  const column = Math.max(0, soql.indexOf(token));
  return `\n${soql}\n${' '.repeat(column)}^\nERROR at Row:1:Column:${column + 1}\n${reason}`;
}

export function parseSoql(soql: string): ParsedSoql {
  const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\S+)(?:\s+ORDER\s+BY\s+(.+?))?(?:\s+LIMIT\s+(\S+))?\s*$/is.exec(soql);
  if (!m) throw new SoqlError('MALFORMED_QUERY', located(soql, soql.trim().split(/\s+/)[0] ?? '', 'unexpected token: the test server reads only SELECT … FROM … ORDER BY … LIMIT …'));
  const [, select = '', object = '', order, limit] = m;
  const fields = select.split(',').map((f) => f.trim());
  for (const f of [...fields, object]) {
    if (!IDENT.test(f)) throw new SoqlError('MALFORMED_QUERY', located(soql, f, `unexpected token: '${f}'`));
  }
  const orderBy = (order ? order.split(',') : []).map((item): OrderItem => {
    const o = /^\s*([A-Za-z][A-Za-z0-9_]*)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST))?\s*$/i.exec(item);
    if (!o) throw new SoqlError('MALFORMED_QUERY', located(soql, item.trim(), `unexpected token: '${item.trim()}'`));
    const descending = o[2]?.toUpperCase() === 'DESC';
    // Salesforce puts nulls first in ascending order unless told otherwise.
    const nullsLast = o[3] ? o[3].toUpperCase() === 'LAST' : descending;
    return { field: o[1]!, descending, nullsLast };
  });
  let max: number | null = null;
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit)) throw new SoqlError('MALFORMED_QUERY', located(soql, limit, `unexpected token: '${limit}'`));
    max = Number(limit);
  }
  return { fields, object, orderBy, limit: max };
}

function sortKey(v: TestValue | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.toLowerCase();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

export interface QueryPlan {
  object: TestObject;
  /** Canonical field names, as the records spell them. */
  fields: string[];
  /** Indexes into object.records, in the query's order. */
  order: number[];
}

/**
 * Resolves names against the object (without regard to case, as Salesforce does) and sorts.
 * `rejected` are fields the user may not see (field-level security): INVALID_FIELD.
 */
export function planSoql(soql: string, objects: TestObject[], rejected: Set<string>): QueryPlan {
  const parsed = parseSoql(soql);
  const object = objects.find((o) => o.name.toLowerCase() === parsed.object.toLowerCase() && o.queryable !== false);
  if (!object) {
    throw new SoqlError('INVALID_TYPE', located(soql, parsed.object, `sObject type '${parsed.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  const resolve = (name: string): string => {
    const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field || rejected.has(`${object.name}.${field.name}`.toLowerCase())) {
      throw new SoqlError('INVALID_FIELD', located(soql, name, `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`));
    }
    return field.name;
  };
  const fields = parsed.fields.map(resolve);
  if (new Set(fields).size !== fields.length) throw new SoqlError('MALFORMED_QUERY', located(soql, fields[0]!, 'duplicate field selected'));
  const order = parsed.orderBy.map((o) => ({ ...o, field: resolve(o.field) }));
  const keys = order.map((o) => object.records.map((r: TestRecord) => sortKey(r[o.field])));
  const indexes = object.records.map((_, i) => i);
  indexes.sort((a, b) => {
    for (let k = 0; k < order.length; k++) {
      const { descending, nullsLast } = order[k]!;
      const x = keys[k]![a];
      const y = keys[k]![b];
      if (x === y) continue;
      if (x === null || x === undefined) return nullsLast ? 1 : -1;
      if (y === null || y === undefined) return nullsLast ? -1 : 1;
      const c = x < y ? -1 : 1;
      return descending ? -c : c;
    }
    return a - b;
  });
  return { object, fields, order: parsed.limit === null ? indexes : indexes.slice(0, parsed.limit) };
}
