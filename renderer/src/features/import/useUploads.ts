import { useCallback, useRef, useState } from 'react';
import { getTransport } from '../../api';

export interface UploadState {
  key: string;
  name: string;
  loaded: number;
  total: number;
}

export interface UploadsState {
  uploads: UploadState[];
  /** Stages every file (uploads in the browser host, host paths in Electron), one at a time. */
  stage: (files: File[]) => Promise<string[]>;
  cancel: () => void;
}

/** Hands picked or dropped files to the host, reporting per-file progress. */
export function useUploads(): UploadsState {
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const abort = useRef<AbortController | null>(null);

  const stage = useCallback(async (files: File[]) => {
    const controller = new AbortController();
    abort.current = controller;
    const batch = files.map((f, i) => ({ key: `${Date.now()}-${i}-${f.name}`, name: f.name, loaded: 0, total: f.size }));
    setUploads((u) => [...u, ...batch]);
    const keys = new Set(batch.map((b) => b.key));
    try {
      const ids: string[] = [];
      // One at a time: parallel uploads compete for the same disk and show less useful progress.
      for (const [i, file] of files.entries()) {
        const key = batch[i]!.key;
        ids.push(
          await getTransport().stageFile(
            file,
            (loaded, total) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, loaded, total } : x))),
            controller.signal,
          ),
        );
      }
      return ids;
    } finally {
      setUploads((u) => u.filter((x) => !keys.has(x.key)));
      if (abort.current === controller) abort.current = null;
    }
  }, []);

  const cancel = useCallback(() => abort.current?.abort(), []);

  return { uploads, stage, cancel };
}
