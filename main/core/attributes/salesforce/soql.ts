/**
 * The one SOQL statement the connector sends. Every identifier in it is one Salesforce's own
 * describe returned (matched without regard to case, then written as described), so nothing
 * a source definition says can change the statement's shape.
 */
import { ApiError } from '../../dispatcher';

export interface DescribedField {
  name: string;
  label: string;
  type: string;
  /** Absent in minimal describes; false for long text areas and other unsortable fields. */
  sortable?: boolean;
}

export interface DescribedObject {
  name: string;
  fields: DescribedField[];
}

/** What a query reads: the described fields in the caller's column order. */
export interface PlannedQuery {
  soql: string;
  fields: DescribedField[];
}

/** Object API names: letters, digits and underscores (`Contact`, `Invoice__c`, `ns__Thing__c`). */
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export function checkObjectName(table: string): string {
  const name = table.trim();
  if (!OBJECT_NAME.test(name)) {
    throw new ApiError('invalid_input', `"${table.slice(0, 80)}" is not a Salesforce object name`);
  }
  return name;
}

function fieldOf(object: DescribedObject, column: string): DescribedField {
  const wanted = column.trim().toLowerCase();
  const field = object.fields.find((f) => f.name.toLowerCase() === wanted);
  if (!field) throw new ApiError('invalid_input', `${object.name} has no field "${column.slice(0, 80)}"`);
  return field;
}

/**
 * `SELECT <columns> FROM <object> ORDER BY <key> ASC NULLS LAST, Id ASC [LIMIT n]`: the key
 * order makes "the first duplicate wins" mean the same row on every sync; Id breaks ties.
 */
export function planQuery(object: DescribedObject, columns: string[], keyColumn: string, limit?: number): PlannedQuery {
  if (columns.length === 0) throw new ApiError('invalid_input', 'Choose at least one column to read');
  const fields = columns.map((c) => fieldOf(object, c));
  const key = fieldOf(object, keyColumn);
  if (key.sortable === false) {
    throw new ApiError('invalid_input', `Salesforce cannot sort ${object.name} by ${key.name} (a ${key.type} field): choose another join column`);
  }
  const id = object.fields.find((f) => f.name === 'Id');
  const order = [`${key.name} ASC NULLS LAST`];
  if (id && id.name !== key.name) order.push('Id ASC');
  // SOQL refuses a field selected twice.
  const select = [...new Set(fields.map((f) => f.name))];
  let soql = `SELECT ${select.join(', ')} FROM ${object.name} ORDER BY ${order.join(', ')}`;
  if (limit !== undefined) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new ApiError('invalid_input', 'The preview needs a positive row count');
    soql += ` LIMIT ${limit}`;
  }
  return { soql, fields };
}
