import type { EventMessage, EventName, Events, MethodInput, MethodName, MethodOutput } from '../../../common/contract';
import { createBridgeTransport } from './bridgeTransport';
import { ApiError } from './errors';
import { createHttpTransport } from './httpTransport';
import type { Transport } from './transport';

let transport: Transport | null = null;

/** The Electron bridge when the preload exposed it, else the browser host's HTTP/SSE protocol. */
export function getTransport(): Transport {
  if (!transport) {
    transport = window.profileDesk ? createBridgeTransport(window.profileDesk) : createHttpTransport();
  }
  return transport;
}

/** Replaces the transport (tests, storybook-like harnesses). */
export function setTransport(next: Transport): void {
  transport = next;
}

/** Calls one contract method; resolves to its output or rejects with an {@link ApiError}. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await getTransport().invoke(method, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as MethodOutput<M>;
}

/** Subscribes to one core event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void {
  return getTransport().subscribe((message: EventMessage) => {
    if (message.event === event) listener(message.data as Events[E]);
  });
}

/** Runs after the event stream reconnects (events may have been missed meanwhile). */
export function onReconnect(listener: () => void): () => void {
  return getTransport().onReconnect(listener);
}
