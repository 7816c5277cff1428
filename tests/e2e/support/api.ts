/**
 * Direct calls to the core for test setup and for the expected values the UI is checked
 * against. Over HTTP for the browser host; through the preload bridge for Electron.
 */
import type { Page } from '@playwright/test';
import { TOKEN_HEADER } from '../../../common/bridge';
import type { MethodInput, MethodName, MethodOutput } from '../../../common/contract';
import type { Result } from '../../../common/types';

export interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Uploads a file to the browser host; returns the id `imports.start` accepts. */
  upload?(name: string, bytes: Buffer): Promise<string>;
}

function unwrap<T>(method: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function httpApi(origin: string, token: string): Api {
  return {
    async call(method, input) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return unwrap(method, (await response.json()) as Result<never>);
    },
    async upload(name, bytes) {
      const response = await fetch(`${origin}/api/upload?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      return unwrap('upload', (await response.json()) as Result<{ uploadId: string }>).uploadId;
    },
  };
}

export function bridgeApi(page: Page): Api {
  return {
    async call(method, input) {
      const result = await page.evaluate(
        ([m, i]) => (window as unknown as { profileDesk: { invoke(m: string, i: unknown): Promise<unknown> } }).profileDesk.invoke(m, i),
        [method, input] as const,
      );
      return unwrap(method, result as Result<never>);
    },
  };
}

/** Waits until no job runs (imports and sample loads are jobs). */
export async function waitForIdle(api: Api, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { jobs } = await api.call('jobs.list', {});
    if (jobs.length === 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Jobs still running after ${timeoutMs} ms`);
}

/** Loads the bundled sample through the API (fast setup for specs that test something else). */
export async function loadSample(api: Api): Promise<void> {
  await api.call('imports.sample', {});
  await waitForIdle(api);
  const info = await api.call('store.info', {});
  if (info.users === 0) throw new Error('The sample loaded no users');
}
