import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, Events, MethodInput, MethodName, MethodOutput } from '../../../common/contract';
import { call, onEvent } from './client';

/** Keeps a listener for one core event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (data: Events[E]) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onEvent(event, (data) => ref.current(data)), [event]);
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a method when `input` changes (compared as JSON) and keeps the latest answer. Answers
 * to superseded inputs are dropped, so a slow early answer never overwrites a newer one.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): QueryState<MethodOutput<M>> {
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(input !== null);
  const [generation, setGeneration] = useState(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) {
      setData(undefined);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    call(method, JSON.parse(key) as MethodInput<M>).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [method, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
