import { useCallback, useRef, useState } from 'react';
import type { MethodInput } from '../../../../common/contract';
import { JobStartError, startJob, type FollowedJob, type JobHost } from '../../../../common/jobs';
import type { ExportFinished, ExportSummary } from '../../../../common/types';
import { getTransport } from '../../api';
import { chooseExportTarget, startDownload } from './exportTarget';

export type ExportRequest = Omit<MethodInput<'exports.start'>, 'target'>;

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number; totalRows: number | null; cancelling: boolean }
  | { phase: 'done'; summary: ExportSummary }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

const host = (): JobHost => {
  const transport = getTransport();
  return { dispatch: (method, input) => transport.invoke(method, input), events: { subscribe: (l) => transport.subscribe(l) } };
};

/** One export at a time: choose the target, run the job with progress and cancel, deliver the file. */
export function useExportJob() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const job = useRef<FollowedJob<ExportFinished> | null>(null);

  const start = useCallback(async (request: ExportRequest, fileName: string) => {
    let target: string | null;
    try {
      target = await chooseExportTarget(fileName);
    } catch (err) {
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (target === null) return; // The save dialog was cancelled: nothing happens.
    setState({ phase: 'running', rows: 0, totalRows: null, cancelling: false });
    try {
      const followed = await startJob(host(), 'exports.start', { ...request, target }, (p) =>
        setState((s) => (s.phase === 'running' ? { ...s, rows: p.rows ?? s.rows, totalRows: p.totalRows ?? s.totalRows } : s)),
      );
      job.current = followed;
      const finished = await followed.finished;
      job.current = null;
      if (finished.ok) {
        if (finished.result.download) startDownload(finished.result.download);
        setState({ phase: 'done', summary: finished.result });
      } else if (finished.error.code === 'cancelled') {
        setState({ phase: 'cancelled' });
      } else {
        setState({ phase: 'failed', message: finished.error.message });
      }
    } catch (err) {
      job.current = null;
      setState({ phase: 'failed', message: err instanceof JobStartError || err instanceof Error ? err.message : String(err) });
    }
  }, []);

  const cancel = useCallback(() => {
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    void job.current?.cancel();
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, cancel, reset };
}
