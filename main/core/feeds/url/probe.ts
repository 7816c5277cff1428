/**
 * Testing a url feed before saving it: one GET with its headers, the start of the body read to
 * tell what it serves (NDJSON, a JSON array, an API page; gzip or not), nothing imported.
 */
import { constants, gunzipSync } from 'node:zlib';
import { formatBytes } from '../../../../common/format';
import { ApiError } from '../../dispatcher';
import { detectMode } from '../../ingest/readers/detect';
import { NotEventsError } from '../../ingest/readers/errors';
import { displayUrl, getFeedUrl, type RequestOptions } from './request';

/** Enough of the body to see its first records. */
const PROBE_BYTES = 64 * 1024;

async function readHead(response: Response): Promise<{ head: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return { head: Buffer.alloc(0), complete: true };
  try {
    while (length < PROBE_BYTES) {
      const { done, value } = await reader.read();
      if (done) return { head: Buffer.concat(chunks), complete: true };
      chunks.push(Buffer.from(value));
      length += value.length;
    }
    return { head: Buffer.concat(chunks), complete: false };
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** What the body's start says it is ("ndjson", "gzip JSON array", …); throws when it is no event file. */
export function describeContent(head: Buffer, complete: boolean, shown: string): string {
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  let text: string;
  try {
    // A partial gzip stream inflates as far as it goes with a sync flush.
    text = (gzip ? gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }) : head).toString('utf8');
  } catch {
    throw new ApiError('source_failed', `${shown} serves a damaged gzip file`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let mode;
  try {
    mode = detectMode(text, complete, shown);
  } catch (err) {
    if (err instanceof NotEventsError) throw new ApiError('source_failed', err.message);
    throw err;
  }
  const kind = isApiPage(text, mode) ? 'API page' : mode === 'ndjson' ? 'ndjson' : text.trimStart().startsWith('[') ? 'JSON array' : 'JSON';
  return gzip ? `gzip ${kind}` : kind;
}

/** `{"data": [...], "meta": …}`: on one line (as the API sends it) or pretty-printed. */
function isApiPage(text: string, mode: string | null): boolean {
  const start = text.trimStart();
  if (!start.startsWith('{')) return false;
  if (mode !== 'ndjson') return /"data"\s*:\s*\[/.test(start);
  try {
    const first = JSON.parse(start.split('\n', 1)[0]!) as { data?: unknown };
    return Array.isArray(first.data);
  } catch {
    return false;
  }
}

/** "https://host/path answered 200 (ndjson, 12.3 MB)"; ApiError 'auth_failed' for 401/403, else 'source_failed'. */
export async function testUrl(url: string, headers: Record<string, string>, signal: AbortSignal, options: RequestOptions = {}): Promise<string> {
  const shown = displayUrl(url);
  let response: Response;
  let head: Buffer;
  let complete: boolean;
  try {
    // A test says what is wrong quickly rather than retrying for minutes.
    response = await getFeedUrl(url, { secret: headers, conditional: {} }, signal, { retries: 1, ...options });
    ({ head, complete } = await readHead(response));
  } catch (err) {
    // The caller's time limit (AbortSignal.timeout) is no cancel by the user.
    if ((signal.reason as Error | undefined)?.name === 'TimeoutError') throw new ApiError('source_failed', `${shown} did not answer in time`);
    throw err;
  }
  if (complete && head.length === 0) return `${shown} answered ${response.status} (empty: no events yet)`;
  const kind = describeContent(head, complete, shown);
  const length = Number(response.headers.get('content-length'));
  const size = complete ? formatBytes(head.length) : length > 0 ? formatBytes(length) : 'size unknown';
  return `${shown} answered ${response.status} (${kind}, ${size})`;
}
