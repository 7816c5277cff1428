import { useEffect, useRef, useState } from 'react';
import { isActive, type ColumnFilterModel } from '../filterModel';

/**
 * The editable draft of a column filter. Edits reach the grid after `delay` ms (live filtering
 * without a query per keystroke); `commit()` sends the draft at once (Enter, a checkbox). A model
 * changed from outside (a chip removed, "Clear filters") replaces the draft.
 */
export function useDraftModel<M extends ColumnFilterModel>(
  model: M | null,
  onModelChange: (model: M | null) => void,
  empty: () => M,
  delay = 350,
): { draft: M; setDraft: (next: M, immediate?: boolean) => void; commit: () => void; clear: () => void } {
  const [draft, setDraftState] = useState<M>(() => model ?? empty());
  const lastSent = useRef<string>(JSON.stringify(model));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(draft);
  latest.current = draft;

  useEffect(() => {
    const incoming = JSON.stringify(model);
    if (incoming !== lastSent.current) {
      lastSent.current = incoming;
      setDraftState(model ?? empty());
    }
  }, [model, empty]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const send = (next: M): void => {
    clearTimeout(timer.current);
    const out = isActive(next) ? next : null;
    const serialised = JSON.stringify(out);
    if (serialised === lastSent.current) return;
    lastSent.current = serialised;
    onModelChange(out);
  };

  return {
    draft,
    setDraft(next, immediate = false) {
      setDraftState(next);
      latest.current = next;
      clearTimeout(timer.current);
      if (immediate) send(next);
      else timer.current = setTimeout(() => send(latest.current), delay);
    },
    commit: () => send(latest.current),
    clear() {
      const next = empty();
      setDraftState(next);
      latest.current = next;
      send(next);
    },
  };
}
