/**
 * The "Add attributes" wizard's state as the analyst fills it in, and how it becomes the
 * `sources.save` input (or comes back from a saved source, to edit it).
 */
import type { Schedule, SourceColumn, SourceDefinition, SourceInfo, SourceKind, ValueType } from '../../../../common/attributes';
import { basename } from '../../../../common/format';
import type { Entity } from './suggest';

export interface ColumnChoice {
  selected: boolean;
  name: string;
  type: ValueType;
  /** The analyst typed this name (a suggestion no longer overwrites it). */
  named: boolean;
}

export type ScheduleChoice = 'manual' | 'hourly' | 'daily' | 'every';

export interface Draft {
  entity: Entity;
  kind: SourceKind;
  /** Salesforce, Snowflake: the saved connection's name. */
  connection: string | null;
  /** CSV: what `sources.*` take as the file (a host path, or an upload id in the browser host). */
  path: string | null;
  /** CSV: the file's name as shown. */
  fileName: string | null;
  table: string | null;
  joinColumn: string | null;
  joinAttribute: string | null;
  /** By source column. */
  columns: Record<string, ColumnChoice>;
  schedule: ScheduleChoice;
  everyMinutes: number;
  /** The source's name (fixed when editing). */
  name: string;
}

export function emptyDraft(): Draft {
  return {
    entity: 'users',
    kind: 'csv',
    connection: null,
    path: null,
    fileName: null,
    table: null,
    joinColumn: null,
    joinAttribute: null,
    columns: {},
    schedule: 'manual',
    everyMinutes: 30,
    name: '',
  };
}

/** A saved source as a draft, to edit it (the wizard then saves with `replace: true`). */
export function draftFromSource(source: SourceInfo): Draft {
  const schedule = source.schedule;
  return {
    entity: source.entity,
    kind: source.kind,
    connection: source.connection,
    // The core shows a CSV source's file by name only: editing one takes the file again.
    path: source.kind === 'csv' ? null : source.path,
    fileName: source.path === null ? null : basename(source.path),
    table: source.table,
    joinColumn: source.join.column,
    joinAttribute: source.join.attribute,
    columns: Object.fromEntries(source.attributes.map((a) => [a.column, { selected: true, name: a.name, type: a.type, named: true }])),
    schedule: typeof schedule === 'string' ? schedule : 'every',
    everyMinutes: typeof schedule === 'string' ? 30 : schedule.everyMinutes,
    name: source.name,
  };
}

/** The draft's source location, as `sources.tables` and `sources.preview` take it. */
export function locationOf(draft: Draft): { kind: SourceKind; connection?: string; path?: string } {
  return draft.kind === 'csv' ? { kind: 'csv', path: draft.path ?? undefined } : { kind: draft.kind, connection: draft.connection ?? undefined };
}

/** CSV files have one table, the file itself: the core names it, the wizard takes the first. */
export function hasLocation(draft: Draft): boolean {
  return draft.kind === 'csv' ? draft.path !== null : draft.connection !== null;
}

export function scheduleOf(draft: Draft): Schedule {
  return draft.schedule === 'every' ? { everyMinutes: draft.everyMinutes } : draft.schedule;
}

/**
 * Choices for newly read columns: each column keeps what the analyst chose before; new ones
 * start unselected, named after the column, typed as the source types them. The key column is
 * never proposed for import (its values are what profiles already have).
 */
export function mergeColumns(previous: Record<string, ColumnChoice>, columns: readonly SourceColumn[], suggest: (column: string) => string): Record<string, ColumnChoice> {
  return Object.fromEntries(
    columns.map((c) => [c.name, previous[c.name] ?? { selected: false, name: suggest(c.name), type: c.type, named: false }]),
  );
}

/** A default source name: the CSV file's name or the table's, without extension or database path. */
export function suggestSourceName(draft: Draft): string {
  if (draft.kind === 'csv') return (draft.fileName ?? 'CSV').replace(/\.[^.]+$/, '');
  const table = draft.table ?? '';
  const last = table.split('.').pop() ?? table;
  return `${draft.kind === 'salesforce' ? 'Salesforce' : 'Snowflake'} ${last}`.trim();
}

/**
 * The `sources.save` definition, attributes in the table's column order; the steps make sure
 * each part is there before this runs. A column's own label (Salesforce's "Lifetime Value")
 * becomes the attribute's; without one the core derives it from the name.
 */
export function toDefinition(draft: Draft, columns: readonly Pick<SourceColumn, 'name' | 'label'>[]): SourceDefinition {
  const attributes = columns
    .filter((c) => draft.columns[c.name]?.selected)
    .map((c) => ({
      column: c.name,
      name: draft.columns[c.name]!.name.trim(),
      type: draft.columns[c.name]!.type,
      ...(c.label.trim() !== '' && c.label !== c.name ? { label: c.label.trim().slice(0, 200) } : {}),
    }));
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    entity: draft.entity,
    // A CSV source is its file; the others name a connection and one of its tables.
    ...(draft.kind === 'csv' ? { path: draft.path ?? undefined } : { connection: draft.connection ?? undefined, table: draft.table ?? undefined }),
    join: { column: draft.joinColumn ?? '', attribute: draft.joinAttribute ?? '' },
    attributes,
    schedule: scheduleOf(draft),
  };
}
