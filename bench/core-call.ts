/** Calls into the core through its dispatcher (the path every host uses), unwrapping the Result. */

export interface Dispatcher {
  dispatch: (method: string, input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>;
}

export async function call<T>(core: Dispatcher, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
