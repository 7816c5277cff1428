/**
 * Aligned plain-text tables: numbers right-aligned, the rest left-aligned. Widths are measured
 * on the first rows and reused, so long listings can be printed block by block.
 */
import { formatNumber } from '../../common/format';

export const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A cell value for a table: empty for null, ISO times shortened to the minute (UTC). */
export function cell(value: unknown, max = 40): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? formatNumber(value) : String(value);
  if (typeof value === 'string' && ISO_TIME.test(value)) text = `${value.slice(0, 10)} ${value.slice(11, 16)}`;
  text = text.replace(/[\r\n\t]+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface Column {
  key: string;
  header: string;
  /** Right-align (counts). */
  numeric?: boolean;
  /** Longest cell before it is cut with "…" (default 40). */
  max?: number;
}

/** Any plain object; interfaces such as PageView have no index signature, hence `object`. */
export type Row = object;

const get = (row: Row, key: string): unknown => (row as Record<string, unknown>)[key];

export function measure(columns: Column[], rows: readonly Row[]): number[] {
  return columns.map((c) =>
    Math.max(c.header.length, ...rows.map((row) => cell(get(row, c.key), c.max).length)),
  );
}

function line(columns: Column[], widths: number[], values: string[]): string {
  return values
    .map((v, i) => (columns[i]?.numeric ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

export function headerLine(columns: Column[], widths: number[]): string {
  return line(columns, widths, columns.map((c) => c.header.toUpperCase()));
}

export function rowLines(columns: Column[], widths: number[], rows: readonly Row[]): string[] {
  return rows.map((row) => line(columns, widths, columns.map((c) => cell(get(row, c.key), c.max))));
}

/** A whole table at once. */
export function renderTable(columns: Column[], rows: readonly Row[]): string[] {
  const widths = measure(columns, rows);
  return [headerLine(columns, widths), ...rowLines(columns, widths, rows)];
}
