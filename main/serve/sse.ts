/**
 * `GET /api/events`: core events as server-sent events. EventSource cannot send headers, so the
 * token comes in the query string. Each message is `data: <EventMessage JSON>` with no event
 * name, so the renderer's `onmessage` sees them all.
 */
import type { ServerResponse } from 'node:http';
import type { EventBus } from '../core/events';

/** Proxies and idle timeouts drop silent connections; a comment line keeps them open. */
export const HEARTBEAT_MS = 15_000;

export interface EventStreams {
  open(res: ServerResponse): void;
  /** Ends every open stream (shutdown). */
  closeAll(): void;
}

export function createEventStreams(events: EventBus, heartbeatMs = HEARTBEAT_MS): EventStreams {
  const open = new Set<ServerResponse>();

  return {
    open(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      // The first bytes flush the headers so EventSource fires `open` at once.
      res.write('retry: 2000\n: connected\n\n');
      open.add(res);

      const unsubscribe = events.subscribe((message) => {
        res.write(`data: ${JSON.stringify(message)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();

      const cleanup = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      };
      res.on('close', cleanup);
      res.on('error', cleanup);
    },
    closeAll() {
      for (const res of [...open]) res.end();
    },
  };
}
