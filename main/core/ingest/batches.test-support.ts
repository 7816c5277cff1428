/** Small RUM events and the batches a parser folds them into, for the writer's tests. */
import { BatchBuilder, type Batch } from './batch';
import { normalise } from './normalise';

/** A RUM event of `user` at minute `min`; `extra` adds fields (a view, an action, a country). */
export function event(user: string, min: number, extra: Record<string, unknown> = {}): unknown {
  return { date: Date.UTC(2025, 0, 1, 0, min), type: 'view', usr: { id: user }, session: { id: `s-${user}` }, account: { id: 'acme' }, ...extra };
}
export const view = (id: string) => ({ view: { id, url_path: `/p/${id}` } });

export function batchOf(events: unknown[]): Batch {
  const b = new BatchBuilder();
  for (const e of events) {
    const n = normalise(e);
    if (n.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(e)}`);
    b.add(n.event);
    b.records++;
  }
  return b.build(0);
}
