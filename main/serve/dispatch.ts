/**
 * The browser host's view of the core's dispatcher: `imports.start` takes upload ids instead of
 * host paths (a web page must never make the host read arbitrary files), and payloads that
 * mention uploads show their file names rather than temp paths.
 */
import type { Dispatch } from '../core/dispatcher';
import type { Result } from '../../common/types';
import type { UploadStore } from './uploads';

export function createHostDispatch(dispatch: Dispatch, uploads: UploadStore): Dispatch {
  return async (method, input) => {
    if (method === 'imports.start') return startImport(dispatch, uploads, input);
    const result = await dispatch(method, input);
    return method.startsWith('jobs.') ? uploads.redact(result) : result;
  };
}

async function startImport(dispatch: Dispatch, uploads: UploadStore, input: unknown): Promise<Result<unknown>> {
  const paths = isObject(input) ? input.paths : undefined;
  // A malformed input is reported by the core's own validation, in its usual words.
  if (!Array.isArray(paths) || paths.length === 0) return dispatch('imports.start', input);

  const ids: string[] = [];
  const hostPaths: string[] = [];
  for (const [index, id] of paths.entries()) {
    const path = typeof id === 'string' ? uploads.pathOf(id) : undefined;
    if (path === undefined || ids.includes(id as string)) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message:
            'Invalid input for imports.start: paths.' + index +
            ': not an upload id (in the browser, files are sent with POST /api/upload first)',
          details: [{ path: `paths.${index}`, message: 'unknown or already used upload id' }],
        },
      };
    }
    ids.push(id as string);
    hostPaths.push(path);
  }

  uploads.claim(ids);
  const result = await dispatch('imports.start', { ...(input as object), paths: hostPaths });
  const jobId = result.ok && isObject(result.value) ? result.value.jobId : undefined;
  if (typeof jobId === 'string') uploads.attachJob(jobId, ids);
  else uploads.release(ids);
  return uploads.redact(result);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
