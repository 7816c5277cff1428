import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef } from 'react';
import { onReconnect, useEvent, useQuery, ApiError } from '../../api';
import type { SessionVolume } from '../../../../common/analytics';
import type { AttributeSpec } from '../../../../common/keys';
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

/** `sessions.volume` for the controls, refreshed when profiles or sources change; `attributes`: the user attributes a query may name. */
export function useVolume(controls: AnalyticsControls, attributes: readonly AttributeSpec[]): VolumeState {
  const [query] = useDebouncedValue(controls.query, TYPING_MS);
  const [from] = useDebouncedValue(controls.from, TYPING_MS);
  const [to] = useDebouncedValue(controls.to, TYPING_MS);
  // Compared by value: the controls are a new object on every render.
  const key = JSON.stringify({ ...controls, query, from, to });
  const request = useMemo(() => buildVolumeRequest(JSON.parse(key) as AnalyticsControls, Date.now(), attributes), [key, attributes]);
  const { data, error, loading, reload } = useQuery('sessions.volume', request.ok ? request.input : null);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const reloadSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, CHANGES_MS);
  };
  useEvent('profiles.changed', reloadSoon);
  // A sync changed custom values the query or the breakdown reads.
  useEvent('sources.changed', reloadSoon);
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
