/**
 * Every attribute a profile has: the built-in ones and the custom ones synced from sources
 * (ARCHITECTURE.md §10). The query compiler, the grid, the detail, exports and the chart all
 * read attributes through the catalog's `ProfileTable`s, so a custom attribute is one more
 * column everywhere.
 *
 * A custom attribute's value is looked up live, by the profile's join key, in its source's
 * current values table: a profile imported after the sync finds its value without a new sync,
 * and a sync switches tables in one transaction.
 */
import type { ValueType } from '../../../common/attributes';
import { ATTRIBUTES, type AttributeSpec, type ProfileKind } from '../../../common/keys';
import { TABLES, type CustomColumn, type ProfileTable } from '../query/compile';
import type { Db } from '../store/open';

/** Join keys match after trimming; emails also without regard to (ASCII) case, like SQLite's lower(). */
export const foldsCase = (attribute: string): boolean => attribute.endsWith('email');

const SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
/** A source row's join key as stored in its values table (the SQL side is `profileKeySql`). */
export function normaliseKey(raw: string | number | boolean, fold: boolean): string {
  const trimmed = String(raw).replace(SPACE, '');
  return fold ? trimmed.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : trimmed;
}

/** The SQL of a profile's join key, normalised like `normaliseKey`. */
export function profileKeySql(outer: string, attribute: string, fold: boolean): string {
  const trimmed = `trim(${outer}.${attribute}, char(32, 9, 13, 10))`;
  return fold ? `lower(${trimmed})` : trimmed;
}

/** The values table's column of an attribute. */
export const valueColumn = (name: string): string => `"v_${name}"`;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface AttributeRow {
  source: string;
  entity: 'users' | 'accounts';
  name: string;
  type: ValueType;
  label: string;
  values_table: string | null;
  join_attribute: string;
  distinct_values: number | null;
}

/** Text with at most this many values (at the last sync) is offered as a set of values. */
export const FEW_VALUES = 50;

export class AttributeCatalog {
  private version: number | null = null;
  private tables: Record<ProfileKind, ProfileTable> = TABLES;

  constructor(private readonly db: Db) {}

  /** The profile table of a kind with its custom attributes as they are now in the store. */
  table(kind: ProfileKind): ProfileTable {
    this.refresh();
    return this.tables[kind];
  }

  specs(kind: ProfileKind): readonly AttributeSpec[] {
    return this.table(kind).specs;
  }

  /** This connection changed sources or values: reload at the next use (other connections' commits are noticed by themselves). */
  invalidate(): void {
    this.version = null;
  }

  private refresh(): void {
    // data_version moves when another connection (an import worker, the CLI) commits.
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.version) return;
    const rows = this.db
      .prepare(
        `SELECT s.name AS source, s.entity, a.name, a.type, a.label, s.values_table, s.join_attribute, a.distinct_values
         FROM source_attributes a JOIN sources s ON s.id = a.source_id ORDER BY s.name COLLATE NOCASE, a.position`,
      )
      .all() as AttributeRow[];
    const stored = new Map<string, Set<string>>();
    const columnsOf = (table: string): Set<string> => {
      let columns = stored.get(table);
      if (!columns) {
        const info = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
        columns = new Set(info);
        stored.set(table, columns);
      }
      return columns;
    };
    const build = (kind: ProfileKind): ProfileTable => {
      const base = TABLES[kind];
      const entity = kind === 'user' ? 'users' : 'accounts';
      const custom = new Map<string, CustomColumn>();
      const specs: AttributeSpec[] = [...ATTRIBUTES[kind]];
      for (const row of rows.filter((r) => r.entity === entity)) {
        const spec: AttributeSpec = { key: row.name, label: row.label, type: row.type, group: 'custom', source: row.source };
        if (row.type === 'boolean' || (row.type === 'text' && row.distinct_values !== null && row.distinct_values <= FEW_VALUES)) {
          spec.lowCardinality = true;
        }
        specs.push(spec);
        // Before the first sync, or after an edit added an attribute its table lacks: no value yet.
        const present = row.values_table !== null && columnsOf(row.values_table).has(`v_${row.name}`);
        const fold = foldsCase(row.join_attribute);
        custom.set(row.name, {
          spec,
          value: present
            ? (outer) =>
                `(SELECT ${valueColumn(row.name)} FROM ${quoteIdent(row.values_table!)} WHERE key = ${profileKeySql(outer, row.join_attribute, fold)})`
            : () => 'NULL',
        });
      }
      return { ...base, specs, custom };
    };
    this.tables = { user: build('user'), account: build('account') };
    this.version = version;
  }
}
