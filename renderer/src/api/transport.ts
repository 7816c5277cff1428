import type { EventMessage } from '../../../common/contract';
import type { Result } from '../../../common/types';

/** What the typed client needs from a host: one call, one event stream, one way to hand over files. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to core events; returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Called after the event stream (re)connects, so callers can catch up on missed events. */
  onReconnect(listener: () => void): () => void;
  /**
   * Turns a picked or dropped file into something `imports.start` accepts: a host path in
   * Electron, an upload id in the browser host (after uploading the bytes).
   */
  stageFile(file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<string>;
}
