/**
 * A CSV reference table as a Connector: one file, one table (named by the file's display name),
 * its header's columns with types inferred from the first rows, and every row streamed in file
 * order (see csv-read.ts). Values are handed over as the file spells them, an empty field as
 * null; the sync converts them to each attribute's type (values.ts).
 */
import type { SourceColumn, SourceTable } from '../../../../common/attributes';
import type { Connector, RawValue, ReadRequest } from '../connector';
import { inferType } from '../values';
import { checkCsvFile, readCsvBatches, DEFAULT_BATCH } from './csv-read';
import { csvFailure } from './csv-errors';

/** Rows read to infer a column's type. */
export const INFERENCE_ROWS = 1000;

/**
 * `path` is where the file is; `display` is how messages and the table's name call it (the file
 * name the analyst chose, an upload's original name).
 */
export function openCsv(path: string, display: string): Connector {
  /** Rows of the named columns, in file order, with blanks as null. `table` is ignored: a CSV is one table. */
  async function* rows(columns: readonly string[], options: { signal?: AbortSignal; batchSize?: number }): AsyncGenerator<RawValue[][]> {
    let pick: ((record: string[]) => RawValue[]) | null = null;
    for await (const { header, rows: records } of readCsvBatches(path, display, options)) {
      pick ??= rowPicker(columnIndexes(header, columns, display));
      if (records.length > 0) yield records.map(pick);
    }
  }

  return {
    async identity() {
      await checkCsvFile(path, display);
      return display;
    },

    async tables(search?: string): Promise<SourceTable[]> {
      await checkCsvFile(path, display);
      const wanted = search?.trim().toLowerCase() ?? '';
      return display.toLowerCase().includes(wanted) ? [{ name: display, label: display }] : [];
    },

    async columns(): Promise<SourceColumn[]> {
      const { header, sample } = await firstRows(path, display, INFERENCE_ROWS);
      return header.map((name, i) => ({
        name,
        label: name,
        sourceType: 'inferred',
        type: inferType(
          sample.map((record) => record[i] ?? null),
          name,
        ),
      }));
    },

    async preview(_table: string, columns: string[], _keyColumn: string, limit: number): Promise<RawValue[][]> {
      const preview: RawValue[][] = [];
      if (limit <= 0) return preview;
      // File order is the order `read` uses; the key column doesn't reorder a CSV.
      for await (const batch of rows(columns, { batchSize: Math.min(limit, DEFAULT_BATCH) })) {
        preview.push(...batch.slice(0, limit - preview.length));
        if (preview.length >= limit) break;
      }
      return preview;
    },

    read(request: ReadRequest): AsyncIterable<RawValue[][]> {
      // For a CSV, "source order" (whose first duplicate key wins) is FILE order: rows are not
      // sorted by request.keyColumn, the sync engine takes them as they come.
      return rows(request.columns, { signal: request.signal });
    },

    async close() {
      // Every read closes its own file when it ends or is abandoned; nothing stays open.
    },
  };
}

async function firstRows(path: string, display: string, limit: number): Promise<{ header: string[]; sample: string[][] }> {
  for await (const { header, rows } of readCsvBatches(path, display, { batchSize: limit })) return { header, sample: rows.slice(0, limit) };
  // readCsvBatches yields at least once or throws.
  throw new Error('unreachable: a CSV read without a batch');
}

function columnIndexes(header: readonly string[], columns: readonly string[], display: string): number[] {
  return columns.map((name) => {
    const at = header.indexOf(name);
    if (at === -1) {
      const known = header.slice(0, 20).map((h) => `"${h}"`).join(', ');
      throw csvFailure(`${display} has no column "${name}" (its columns: ${known}${header.length > 20 ? ', …' : ''})`);
    }
    return at;
  });
}

/** A row of the wanted columns from a record, blanks as null. */
function rowPicker(indexes: readonly number[]): (record: string[]) => RawValue[] {
  // Every column in file order: the parser's own array is handed over, not copied.
  const whole = indexes.every((at, i) => at === i);
  return (record) => {
    const row: RawValue[] = whole && record.length === indexes.length ? record : new Array<RawValue>(indexes.length);
    for (let i = 0; i < indexes.length; i++) {
      const v = record[indexes[i]!]!;
      row[i] = v === '' ? null : v;
    }
    return row;
  };
}
