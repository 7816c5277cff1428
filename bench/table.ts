/** Formatting helpers for the bench report: an aligned markdown table and percentiles. */
import { formatNumber } from '../common/format';

export type Align = 'left' | 'right';

export interface Column {
  title: string;
  align?: Align;
}

/**
 * A markdown table whose columns are padded to equal width, so it reads well both in a
 * terminal and rendered. Missing cells are blank; `|` in cells is escaped.
 */
export function formatTable(columns: Column[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined): string => (v == null ? '' : String(v).replace(/\|/g, '\\|'));
  const body = rows.map((r) => columns.map((_, i) => cell(r[i])));
  const widths = columns.map((c, i) => Math.max(3, c.title.length, ...body.map((r) => r[i]!.length)));
  const pad = (s: string, i: number): string =>
    columns[i]!.align === 'right' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
  const line = (cells: string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i]!.align === 'right' ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...body.map(line)].join('\n');
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(values: readonly number[]): Stats {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: percentile(values, 100) };
}

/** Measured counts and rates are not whole: rounded, then formatted like everywhere else. */
export const fmtInt = (n: number): string => formatNumber(Math.round(n));
export const fmtSec = (s: number): string => `${s.toFixed(s < 10 ? 2 : 1)} s`;
export const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '–' : `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`);
export const fmtRate = (events: number, seconds: number): string => `${fmtInt(events / seconds)} ev/s`;
export const fmtRatio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');

/** OK when within budget, OVER otherwise; '–' when not measured. */
export const verdict = (value: number, budget: number): string =>
  Number.isFinite(value) ? (value <= budget ? 'OK' : 'OVER') : '–';
