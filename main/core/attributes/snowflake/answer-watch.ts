/**
 * Tells when the Snowflake account stopped answering, long before snowflake-sdk gives up: the
 * driver retries a failed login 7 times (~3 minutes), a failed query-request up to 1,000 times
 * and a failed result chunk 10 times, with backoff up to 16 s, so a dead server would leave a
 * sync hanging for minutes or hours. This watches the driver's real HTTP traffic through
 * node:http's diagnostics channels: after THRESHOLD failures in a row to reach the account's
 * host, with no answer in between, the watchers of that host are told.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

type DeadListener = (detail: string) => void;

interface HostState {
  failures: number;
  listeners: Set<DeadListener>;
}

const hosts = new Map<string, HostState>();
let subscribed = false;

/** `host[:port]` as a Host header spells it (no port when it's the protocol's default). */
export function hostKey(url: string): string {
  return new URL(url).host.toLowerCase();
}

function keyOf(request: ClientRequest): string {
  const header = request.getHeader('host');
  return String(header ?? request.host ?? '').toLowerCase();
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** Network errors in a row that mean the host is gone (the driver's first retries come within ~5 s). */
export const THRESHOLD = 3;

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('http.client.request.error', (message) => {
    const { request, error } = message as { request: ClientRequest; error: NodeJS.ErrnoException };
    const state = hosts.get(keyOf(request));
    // Only a host that can't be reached counts: a reset on a reused keep-alive socket happens to
    // healthy servers too (the driver retries it at once).
    if (!state || !UNREACHABLE.has(error.code ?? '')) return;
    state.failures++;
    if (state.failures >= THRESHOLD) {
      for (const listener of state.listeners) listener(error.message);
    }
  });
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const state = hosts.get(keyOf(request));
    // Any HTTP answer, even an error status, means someone is there.
    if (state && response.statusCode) state.failures = 0;
  });
}

/** Calls `onDead` whenever the host fails THRESHOLD times in a row; returns the unsubscribe. */
export function watchAnswers(host: string, onDead: DeadListener): () => void {
  ensureSubscribed();
  let state = hosts.get(host);
  if (!state) {
    state = { failures: 0, listeners: new Set() };
    hosts.set(host, state);
  }
  const s = state;
  s.listeners.add(onDead);
  return () => {
    s.listeners.delete(onDead);
    if (s.listeners.size === 0 && hosts.get(host) === s) hosts.delete(host);
  };
}
