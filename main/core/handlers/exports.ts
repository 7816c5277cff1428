/**
 * `exports.start`: every profile of a selection to CSV, as a job. The selection and the target
 * are checked before the job starts, so a bad query or a refused path is an error at once; the
 * rows are read on a connection of the export's own (one snapshot; the grid stays served).
 */
import type { Handlers } from '../../../common/contract';
import type { ExportSummary } from '../../../common/types';
import { exportColumns, exportCsvFile, writeCsv, type ExportOptions, type ExportRequest, type ExportResult } from '../export/csv-export';
import type { JobContext } from '../jobs/jobs';
import { openStore, type Db } from '../store/open';
import type { ExportDestination } from '../types';
import { KINDS, type HandlerContext } from './context';

export function exportHandlers(ctx: HandlerContext): Pick<Handlers, 'exports.start'> {
  return {
    'exports.start': (i) => {
      const kind = KINDS[i.entity];
      const table = ctx.catalog.table(kind);
      const request: ExportRequest = {
        table,
        filter: ctx.selection.resolve(kind, i),
        sort: i.sort,
        columns: exportColumns(table, i.columns).map((s) => s.key),
        formulaGuard: i.formulaGuard,
        bom: i.bom,
      };
      const destination = ctx.targets.open(i.target);
      const run = async (job: JobContext): Promise<ExportSummary> => {
        const started = ctx.now();
        const db = openStore(ctx.options.dbPath, { readonly: true, nativeBinding: ctx.options.nativeBinding });
        let ok = false;
        try {
          const options = {
            signal: job.signal,
            onProgress: (p: { rows: number; totalRows: number }) =>
              job.progress({ file: destination.display, bytes: 0, totalBytes: 0, events: p.rows, state: 'running', ...p }),
          };
          const result = await write(db, request, destination, options);
          ok = true;
          return {
            target: destination.display,
            ...result,
            durationMs: ctx.now() - started,
            ...(destination.download ? { download: destination.download } : {}),
          };
        } finally {
          db.close();
          ctx.targets.finished?.(destination, ok);
        }
      };
      return { jobId: ctx.jobs.start('export', destination.display, run) };
    },
  };
}

function write(db: Db, request: ExportRequest, destination: ExportDestination, options: ExportOptions): Promise<ExportResult> {
  return 'path' in destination
    ? exportCsvFile(db, request, destination.path, options)
    : writeCsv(db, request, destination.stream, { ...options, keepOpen: true });
}
