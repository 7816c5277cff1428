/**
 * Sync jobs as the Integrations page follows them: rows read so far per running job, how each
 * finished job ended (kept by job id, so a sync that ends before `sources.save` even answers is
 * not missed), and each source's last report with its unmatched and duplicate keys (the
 * history keeps runs only; the keys come with the job's end).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SyncReport } from '../../../../common/attributes';
import type { ApiErrorData, SyncFinished } from '../../../../common/types';
import { call, onEvent, onReconnect } from '../../api';

export type SyncEnd = { ok: true; report: SyncReport } | { ok: false; error: ApiErrorData };

export interface SyncJobs {
  /** Source rows read so far, by running job id. */
  rows: ReadonlyMap<string, number>;
  /** The source each running job syncs (its progress names it), by job id. */
  sources: ReadonlyMap<string, string>;
  /** How a job ended, by job id. */
  ended: ReadonlyMap<string, SyncEnd>;
  /** The last report seen per source name. */
  reports: ReadonlyMap<string, SyncReport>;
  cancelling: ReadonlySet<string>;
  cancel: (jobId: string) => void;
}

const SyncJobsContext = createContext<SyncJobs | null>(null);

export function SyncJobsProvider({ children }: { children: ReactNode }) {
  const [rows, setRows] = useState<ReadonlyMap<string, number>>(new Map());
  const [sources, setSources] = useState<ReadonlyMap<string, string>>(new Map());
  const [ended, setEnded] = useState<ReadonlyMap<string, SyncEnd>>(new Map());
  const [reports, setReports] = useState<ReadonlyMap<string, SyncReport>>(new Map());
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const seed = () =>
      call('jobs.list', {})
        .then(({ jobs }) => {
          const syncs = jobs.filter((j) => j.kind === 'sync');
          setRows(new Map(syncs.map((j) => [j.jobId, j.rows ?? 0])));
          setSources(new Map(syncs.flatMap((j) => (j.file ? [[j.jobId, j.file] as const] : []))));
        })
        .catch(() => {});
    seed();
    const offs = [
      onEvent('job.progress', (p) => {
        if (p.kind !== 'sync') return;
        setRows((m) => new Map(m).set(p.jobId, p.rows ?? m.get(p.jobId) ?? 0));
        // A scheduled sync starts without this page asking: its progress says which source it is.
        if (p.file) setSources((m) => (m.get(p.jobId) === p.file ? m : new Map(m).set(p.jobId, p.file!)));
      }),
      onEvent('job.finished', (f) => {
        if (f.kind !== 'sync') return;
        const finished = f as SyncFinished;
        setRows((m) => {
          const next = new Map(m);
          next.delete(f.jobId);
          return next;
        });
        setSources((m) => {
          const next = new Map(m);
          next.delete(f.jobId);
          return next;
        });
        setCancelling((s) => {
          const next = new Set(s);
          next.delete(f.jobId);
          return next;
        });
        setEnded((m) => new Map(m).set(f.jobId, finished.ok ? { ok: true, report: finished.result } : { ok: false, error: finished.error }));
        if (finished.ok) setReports((m) => new Map(m).set(finished.result.source, finished.result));
      }),
      onReconnect(seed),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const cancel = useCallback((jobId: string) => {
    setCancelling((s) => new Set(s).add(jobId));
    call('jobs.cancel', { jobId }).catch(() =>
      setCancelling((s) => {
        const next = new Set(s);
        next.delete(jobId);
        return next;
      }),
    );
  }, []);

  const value = useMemo(() => ({ rows, sources, ended, reports, cancelling, cancel }), [rows, sources, ended, reports, cancelling, cancel]);
  return <SyncJobsContext.Provider value={value}>{children}</SyncJobsContext.Provider>;
}

export function useSyncJobs(): SyncJobs {
  const jobs = useContext(SyncJobsContext);
  if (!jobs) throw new Error('useSyncJobs outside SyncJobsProvider');
  return jobs;
}
