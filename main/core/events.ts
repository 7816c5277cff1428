/** A tiny typed event bus: the core emits, each host forwards to its clients. */
import type { EventMessage, EventName, Events } from '../../common/contract';

export type EventListener = (message: EventMessage) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, data: Events[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, data) {
      for (const listener of listeners) listener({ event, data } as EventMessage);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
