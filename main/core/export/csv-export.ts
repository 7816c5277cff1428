/**
 * CSV export of every profile matching a filter (ARCHITECTURE.md §8), streamed with constant
 * memory: rows come from an iterator on a connection of the export's own (one consistent
 * snapshot, and the app's connection stays free for the grid while it runs), pass through
 * csv-stringify, and go to a temp file beside the target that is renamed at the end, so a
 * cancelled or failed export leaves no file under the chosen name.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Filter, SortKey } from '../../../common/filter';
import { ATTRIBUTES, type AttributeSpec, type ProfileKind } from '../../../common/keys';
import { ApiError } from '../dispatcher';
import { CancelledError } from '../jobs/cancelled';
import { compileFilter, compileSort, specOf, TABLES } from '../query/compile';
import type { Db } from '../store/open';

export interface ExportRequest {
  kind: ProfileKind;
  filter: Filter | null;
  sort: SortKey[];
  /** Canonical keys in output order; every key of the entity when absent. */
  columns?: string[];
  /** Prefix cells a spreadsheet would run as a formula with `'` (default on). */
  formulaGuard?: boolean;
  /** A UTF-8 byte order mark, for Excel (default off). */
  bom?: boolean;
}

export interface ExportProgress {
  rows: number;
  totalRows: number;
}

export interface ExportResult {
  rows: number;
  bytes: number;
  columns: string[];
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** Rows between two yields to the event loop (and two cancel checks). */
const CHUNK_ROWS = 2_000;
const FORMULA_START = /^[=+\-@\t\r]/;

export function exportColumns(kind: ProfileKind, columns: string[] | undefined): AttributeSpec[] {
  if (!columns || columns.length === 0) return [...ATTRIBUTES[kind]];
  const seen = new Set<string>();
  return columns.map((key) => {
    const spec = specOf(kind, key.trim().toLowerCase());
    if (seen.has(spec.key)) throw new ApiError('invalid_input', `Column "${spec.key}" is listed twice`);
    seen.add(spec.key);
    return spec;
  });
}

/**
 * Streams the CSV into `out`, which it ends unless `options.keepOpen` (standard output).
 * `db` should be a connection of its own.
 */
export async function writeCsv(db: Db, request: ExportRequest, out: Writable, options: ExportOptions & { keepOpen?: boolean } = {}): Promise<ExportResult> {
  const t = TABLES[request.kind];
  const specs = exportColumns(request.kind, request.columns);
  const where = compileFilter(t, request.filter);
  const totalRows = db.prepare(`SELECT count(*) FROM ${t.table} WHERE ${where.sql}`).pluck().get(...where.params) as number;
  const rows = db
    .prepare(`SELECT ${specs.map((s) => s.key).join(', ')} FROM ${t.table} WHERE ${where.sql} ORDER BY ${compileSort(t, request.sort)}`)
    .raw()
    .iterate(...where.params) as IterableIterator<unknown[]>;
  const guard = request.formulaGuard ?? true;
  const cell = specs.map((s) => cellWriter(s, guard));

  const csv = stringify({ header: true, columns: specs.map((s) => s.key), bom: request.bom ?? false, record_delimiter: 'windows' });
  let bytes = 0;
  csv.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const done = options.keepOpen ? pipeInto(csv, out) : pipeline(csv, out);

  let written = 0;
  try {
    for (const raw of rows) {
      if (!csv.write(raw.map((v, i) => cell[i]!(v)))) await once(csv, 'drain');
      if (++written % CHUNK_ROWS === 0) {
        options.onProgress?.({ rows: written, totalRows });
        // Let the event loop breathe: the app keeps answering while a million rows go out.
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) throw new CancelledError('Export cancelled');
      }
    }
    csv.end();
    await done;
  } catch (err) {
    csv.destroy();
    await done.catch(() => {});
    throw err;
  }
  options.onProgress?.({ rows: written, totalRows });
  return { rows: written, bytes, columns: specs.map((s) => s.key) };
}

/** Writes to `path` through a temp file beside it, renamed into place only on success. */
export async function exportCsvFile(db: Db, request: ExportRequest, path: string, options: ExportOptions = {}): Promise<ExportResult> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  const out: WriteStream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  await once(out, 'open').catch((err: NodeJS.ErrnoException) => {
    out.destroy();
    throw new ApiError('invalid_input', `Cannot write ${path}: ${err.code === 'ENOENT' ? 'no such folder' : err.code === 'EACCES' ? 'permission denied' : err.message}`);
  });
  try {
    const result = await writeCsv(db, request, out, options);
    await rename(temp, path);
    return result;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

function cellWriter(spec: AttributeSpec, guard: boolean): (v: unknown) => string | number | null {
  if (spec.type === 'time') return (v) => (v === null ? null : new Date(Number(v)).toISOString());
  if (spec.type === 'number') return (v) => (v === null ? null : Number(v));
  return (v) => {
    if (v === null) return null;
    const text = String(v);
    return guard && FORMULA_START.test(text) ? `'${text}` : text;
  };
}

/** Like pipeline(), but leaves `out` open: it resolves once everything was handed to `out`. */
function pipeInto(csv: NodeJS.ReadableStream & NodeJS.EventEmitter, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    csv.once('end', resolve);
    csv.once('error', reject);
    out.once('error', reject);
    csv.pipe(out, { end: false });
  });
}
