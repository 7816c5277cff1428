import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImportFinished, JobFinished, JobProgress } from '../../../../common/types';
import { call, errorMessage, getTransport } from '../../api';
import { DropOverlay } from './DropOverlay';
import { ImportSummaryModal } from './ImportSummaryModal';
import { useJobs } from './useJobs';
import { useUploads, type UploadState } from './useUploads';

/** What the summary dialog shows: a finished job, or a failure before any job started. */
export type ImportOutcome = ImportFinished | { jobId: null; ok: false; error: { message: string } };

export interface ImportContextValue {
  jobs: JobProgress[];
  cancelling: ReadonlySet<string>;
  uploads: UploadState[];
  /** True while files upload or a job runs. */
  busy: boolean;
  importFiles: (files: File[]) => Promise<void>;
  loadSample: () => Promise<void>;
  /** Opens the system file picker (Ctrl/Cmd+O). */
  openPicker: () => void;
  cancelJob: (jobId: string) => Promise<void>;
  cancelUploads: () => void;
}

const ImportContext = createContext<ImportContextValue | null>(null);

export function useImport(): ImportContextValue {
  const value = useContext(ImportContext);
  if (!value) throw new Error('useImport outside ImportProvider');
  return value;
}

/** Import state for the app: picker, drag-and-drop, uploads, running jobs and their summaries. */
export function ImportProvider({ children }: { children: ReactNode }) {
  // Jobs run one after another: each outcome is shown in turn, none replaces an unread one.
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([]);
  const setOutcome = useCallback((o: ImportOutcome) => setOutcomes((list) => [...list, o]), []);
  const onFinished = useCallback(
    (f: JobFinished, wasQueued: boolean) => {
      // Exports report through their own dialog, syncs and feed pulls on the Integrations page.
      if (f.kind === 'export' || f.kind === 'sync' || f.kind === 'feed') return;
      // Cancelled while queued: it never ran, there is nothing to report beyond its line going away.
      if (wasQueued && !f.ok && f.error.code === 'cancelled') return;
      setOutcome(f as ImportFinished);
    },
    [setOutcome],
  );
  const { jobs, cancelling, track, cancel } = useJobs(onFinished);
  const { uploads, stage, cancel: cancelUploads } = useUploads();
  const input = useRef<HTMLInputElement>(null);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      try {
        const paths = await stage(files);
        const { jobId } = await call('imports.start', { paths });
        track(jobId, 'import', files.length === 1 ? files[0]!.name : `${files.length} files`);
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setOutcome({ jobId: null, ok: false, error: { message: errorMessage(err) } });
      }
    },
    [stage, track, setOutcome],
  );

  const loadSample = useCallback(async () => {
    try {
      const { jobId } = await call('imports.sample', {});
      track(jobId, 'sample', 'Sample data');
    } catch (err) {
      setOutcome({ jobId: null, ok: false, error: { message: errorMessage(err) } });
    }
  }, [track, setOutcome]);

  const openPicker = useCallback(() => input.current?.click(), []);

  const value = useMemo<ImportContextValue>(
    () => ({
      jobs,
      cancelling,
      uploads,
      busy: jobs.length > 0 || uploads.length > 0,
      importFiles,
      loadSample,
      openPicker,
      cancelJob: cancel,
      cancelUploads,
    }),
    [jobs, cancelling, uploads, importFiles, loadSample, openPicker, cancel, cancelUploads],
  );

  return (
    <ImportContext.Provider value={value}>
      {children}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-file-input"
        aria-label={getTransport().kind === 'http' ? 'Event files to upload and import' : 'Event files to import'}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          void importFiles(files);
        }}
      />
      <DropOverlay onDrop={(files) => void importFiles(files)} />
      <ImportSummaryModal outcome={outcomes[0] ?? null} onClose={() => setOutcomes((list) => list.slice(1))} />
    </ImportContext.Provider>
  );
}
