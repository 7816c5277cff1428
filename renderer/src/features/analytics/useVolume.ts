import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef } from 'react';
import { onReconnect, useEvent, useQuery, ApiError } from '../../api';
import type { SessionVolume } from '../../../../common/analytics';
import { buildVolumeRequest, type AnalyticsControls, type ControlErrors } from './request';

/** Typing settles for this long before the chart asks again. */
const TYPING_MS = 300;
/** An import emits `profiles.changed` per batch: one reload after they calm down. */
const CHANGES_MS = 500;

export interface VolumeState {
  volume: SessionVolume | undefined;
  loading: boolean;
  /** Field errors: the renderer's own checks, or the core's `bad_query` (an unknown segment…). */
  errors: ControlErrors;
  /** Any other failure of the call. */
  failure: string | undefined;
}

/** `sessions.volume` for the controls, refreshed when profiles change. */
export function useVolume(controls: AnalyticsControls): VolumeState {
  const [query] = useDebouncedValue(controls.query, TYPING_MS);
  const [from] = useDebouncedValue(controls.from, TYPING_MS);
  const [to] = useDebouncedValue(controls.to, TYPING_MS);
  // Compared by value: the controls are a new object on every render.
  const key = JSON.stringify({ ...controls, query, from, to });
  const request = useMemo(() => buildVolumeRequest(JSON.parse(key) as AnalyticsControls), [key]);
  const { data, error, loading, reload } = useQuery('sessions.volume', request.ok ? request.input : null);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEvent('profiles.changed', () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, CHANGES_MS);
  });
  useEffect(() => {
    const off = onReconnect(reload);
    return () => {
      off();
      clearTimeout(timer.current);
    };
  }, [reload]);

  if (!request.ok) return { volume: undefined, loading: false, errors: request.errors, failure: undefined };
  if (error instanceof ApiError && error.code === 'bad_query') {
    return { volume: undefined, loading, errors: { query: error.message }, failure: undefined };
  }
  return { volume: error ? undefined : data, loading, errors: {}, failure: error?.message };
}
