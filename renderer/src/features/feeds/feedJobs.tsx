/**
 * Feed pulls as the Integrations page follows them: each running pull's latest progress (pages,
 * events, how far it reaches, waiting), how each finished one ended (kept by job id, so a pull
 * that ends before `feeds.save` or `feeds.pull` even answers is not missed), and a notification
 * when one ends, wherever the analyst is in the app.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FeedPullReport } from '../../../../common/feeds';
import type { ApiErrorData, FeedFinished, JobProgress } from '../../../../common/types';
import { call, onEvent, onReconnect } from '../../api';
import { FeedNotifications, type FeedNotice } from './FeedNotifications';

export type FeedEnd = { ok: true; report: FeedPullReport } | { ok: false; error: ApiErrorData };

export interface FeedJobs {
  /** The latest progress of each running pull, by job id. */
  progress: ReadonlyMap<string, JobProgress>;
  /** How a pull ended, by job id. */
  ended: ReadonlyMap<string, FeedEnd>;
  cancelling: ReadonlySet<string>;
  cancel: (jobId: string) => void;
  /** Which feed a job pulls: its notification names it even when the pull fails. */
  remember: (jobId: string, feed: string) => void;
}

const FeedJobsContext = createContext<FeedJobs | null>(null);

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}

function withoutItem<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  if (!set.has(item)) return set;
  const next = new Set(set);
  next.delete(item);
  return next;
}

/** A pull nobody asked for that brought nothing (an hourly URL not modified, an idle folder): not worth a notice. */
export function quiet(report: FeedPullReport): boolean {
  return (report.trigger === 'schedule' || report.trigger === 'watch') && report.events === 0 && report.failedFiles === 0;
}

export function FeedJobsProvider({ children }: { children: ReactNode }) {
  const [progress, setProgress] = useState<ReadonlyMap<string, JobProgress>>(new Map());
  const [ended, setEnded] = useState<ReadonlyMap<string, FeedEnd>>(new Map());
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [notices, setNotices] = useState<FeedNotice[]>([]);
  const names = useRef(new Map<string, string>());

  useEffect(() => {
    const seed = () =>
      call('jobs.list', {})
        .then(({ jobs }) => setProgress(new Map(jobs.filter((j) => j.kind === 'feed').map((j) => [j.jobId, j]))))
        .catch(() => {});
    seed();
    const offs = [
      onEvent('job.progress', (p) => {
        if (p.kind === 'feed') setProgress((m) => new Map(m).set(p.jobId, p));
      }),
      onEvent('job.finished', (f) => {
        if (f.kind !== 'feed') return;
        const finished = f as FeedFinished;
        setProgress((m) => without(m, f.jobId));
        setCancelling((s) => withoutItem(s, f.jobId));
        setEnded((m) => new Map(m).set(f.jobId, finished.ok ? { ok: true, report: finished.result } : { ok: false, error: finished.error }));
        const feed = finished.ok ? finished.result.feed : (names.current.get(f.jobId) ?? null);
        if (finished.ok && quiet(finished.result)) return;
        setNotices((list) => [...list, { id: f.jobId, feed, end: finished.ok ? { ok: true, report: finished.result } : { ok: false, error: finished.error } }]);
      }),
      onReconnect(seed),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const cancel = useCallback((jobId: string) => {
    setCancelling((s) => new Set(s).add(jobId));
    call('jobs.cancel', { jobId }).catch(() => setCancelling((s) => withoutItem(s, jobId)));
  }, []);

  const remember = useCallback((jobId: string, feed: string) => {
    names.current.set(jobId, feed);
  }, []);

  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const value = useMemo(() => ({ progress, ended, cancelling, cancel, remember }), [progress, ended, cancelling, cancel, remember]);
  return (
    <FeedJobsContext.Provider value={value}>
      {children}
      <FeedNotifications notices={notices} onDismiss={dismiss} />
    </FeedJobsContext.Provider>
  );
}

export function useFeedJobs(): FeedJobs {
  const jobs = useContext(FeedJobsContext);
  if (!jobs) throw new Error('useFeedJobs outside FeedJobsProvider');
  return jobs;
}
