/** Raw HTTP helpers for the browser host's tests (no URL normalisation, any Host header). */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}

export function request(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: req.host ?? '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path,
        headers: { host: `127.0.0.1:${port}`, ...req.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Sends headers promising `declaredLength` bytes, then only `partial`, and waits for the answer:
 * a client that stalls mid-body.
 */
export function trickle(
  port: number,
  path: string,
  headers: Record<string, string>,
  partial: string,
  declaredLength: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path, headers: { host: `127.0.0.1:${port}`, 'content-length': String(declaredLength), ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => {
          r.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    r.on('error', reject);
    r.write(partial);
  });
}

/** Opens an SSE stream and resolves once `until` matches the text received so far. */
export function readEvents(
  port: number,
  path: string,
  until: (text: string) => boolean,
  onOpen: () => void = () => {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ status: res.statusCode ?? 0, text });
        return;
      }
      onOpen();
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (until(text)) {
          r.destroy();
          resolve({ status: 200, text });
        }
      });
      res.on('end', () => resolve({ status: 200, text }));
    });
    r.on('error', reject);
    r.end();
  });
}

/** The `data:` payloads of an SSE text. */
export function sseMessages(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as { event: string; data: Record<string, unknown> });
}
