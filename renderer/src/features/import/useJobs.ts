import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobFinished, JobKind, JobProgress } from '../../../../common/types';
import { call, onEvent, onReconnect } from '../../api';

export interface JobsState {
  /** Running jobs, oldest first. */
  jobs: JobProgress[];
  /** Job ids whose cancel was asked and not yet confirmed. */
  cancelling: ReadonlySet<string>;
  /** Shows a job at once, before its first progress event. */
  track: (jobId: string, kind: JobKind, label: string) => void;
  cancel: (jobId: string) => Promise<void>;
}

const RECONCILE_MS = 5000;

/**
 * Running jobs as the core reports them: `jobs.list` at start and after a reconnect, then
 * `job.progress` / `job.finished` events. While jobs run, the list is re-read now and then so a
 * missed event can't leave a ghost job in the status bar.
 */
export function useJobs(onFinished: (finished: JobFinished, wasQueued: boolean) => void): JobsState {
  const [jobs, setJobs] = useState<JobProgress[]>([]);
  // The list as last rendered, to tell how a job stood when it finished.
  const current = useRef(jobs);
  current.current = jobs;
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const finishedIds = useRef(new Set<string>());
  const finishedListener = useRef(onFinished);
  finishedListener.current = onFinished;

  const refresh = useCallback(() => {
    call('jobs.list', {})
      .then(({ jobs: running }) => setJobs(running.filter((j) => !finishedIds.current.has(j.jobId))))
      .catch(() => {});
  }, []);

  useEffect(() => {
    refresh();
    const offs = [
      onEvent('job.progress', (p) => {
        if (finishedIds.current.has(p.jobId)) return;
        setJobs((list) => (list.some((j) => j.jobId === p.jobId) ? list.map((j) => (j.jobId === p.jobId ? p : j)) : [...list, p]));
      }),
      onEvent('job.finished', (f) => {
        finishedIds.current.add(f.jobId);
        const wasQueued = current.current.find((j) => j.jobId === f.jobId)?.state === 'queued';
        setJobs((list) => list.filter((j) => j.jobId !== f.jobId));
        setCancelling((s) => {
          if (!s.has(f.jobId)) return s;
          const next = new Set(s);
          next.delete(f.jobId);
          return next;
        });
        finishedListener.current(f, wasQueued);
      }),
      onReconnect(refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [refresh]);

  const running = jobs.length > 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, RECONCILE_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const track = useCallback((jobId: string, kind: JobKind, label: string) => {
    if (finishedIds.current.has(jobId)) return;
    setJobs((list) =>
      list.some((j) => j.jobId === jobId)
        ? list
        : // Import jobs run one at a time in the core: behind another job this one is queued.
          [...list, { jobId, kind, label, state: list.length > 0 ? 'queued' : 'running', file: null, bytes: 0, totalBytes: 0, events: 0, eventsPerSec: 0, etaMs: null }],
    );
  }, []);

  const cancel = useCallback(async (jobId: string) => {
    setCancelling((s) => new Set(s).add(jobId));
    try {
      const { cancelled } = await call('jobs.cancel', { jobId });
      if (!cancelled) refresh();
    } catch {
      setCancelling((s) => {
        const next = new Set(s);
        next.delete(jobId);
        return next;
      });
    }
  }, [refresh]);

  return { jobs, cancelling, track, cancel };
}
