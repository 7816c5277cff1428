import { API_PREFIX, TOKEN_HEADER } from '../../../common/bridge';
import type { EventMessage } from '../../../common/contract';
import type { Result } from '../../../common/types';
import type { Transport } from './transport';

const TOKEN_STORAGE_KEY = 'profile-desk.token';

/** The token printed by `profile-desk serve` in the URL hash (`#token=…`), kept for reloads. */
export function readToken(): string {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage may be unavailable (private mode); the hash still works.
    }
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function failure(code: 'forbidden' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** The browser transport: POST /api/<method>, events over SSE, files uploaded first. */
export function createHttpTransport(token: string = readToken()): Transport {
  const listeners = new Set<(message: EventMessage) => void>();
  const reconnectListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let opened = false;

  const connect = (): void => {
    if (source) return;
    source = new EventSource(`${API_PREFIX}events?token=${encodeURIComponent(token)}`);
    source.onopen = () => {
      // The first open is the initial connection; later ones follow a drop.
      if (opened) for (const l of reconnectListeners) l();
      opened = true;
    };
    source.onmessage = (e: MessageEvent<string>) => {
      let message: EventMessage;
      try {
        message = JSON.parse(e.data) as EventMessage;
      } catch {
        return;
      }
      for (const l of listeners) l(message);
    };
  };

  return {
    kind: 'http',
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`${API_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return failure('internal', `The Profile Desk host is unreachable (${String(err)})`);
      }
      if (response.status === 401 || response.status === 403) {
        return failure('forbidden', 'Access denied: open the URL printed by `profile-desk serve` (it carries the token).');
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        return failure('internal', `${method}: the host answered ${response.status} without a result`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => {
        reconnectListeners.delete(listener);
      };
    },
    stageFile(file, onProgress, signal) {
      // XHR rather than fetch: fetch reports no upload progress.
      return new Promise<string>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${API_PREFIX}upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader(TOKEN_HEADER, token);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
        xhr.onerror = () => reject(new Error(`Uploading ${file.name} failed`));
        xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
        xhr.onload = () => {
          let result: Result<{ uploadId: string }> | null = null;
          try {
            result = JSON.parse(xhr.responseText) as Result<{ uploadId: string }>;
          } catch {
            // handled below
          }
          if (result?.ok) {
            onProgress(file.size, file.size);
            resolve(result.value.uploadId);
          } else {
            const reason = result && !result.ok ? result.error.message : `HTTP ${xhr.status}`;
            reject(new Error(`Uploading ${file.name} failed: ${reason}`));
          }
        };
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      });
    },
  };
}
