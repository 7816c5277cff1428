import { useEffect } from 'react';
import type { ConnectionInfo, SourceInfo } from '../../../../common/attributes';
import { onReconnect, useEvent, useQuery } from '../../api';

export interface ListState<T> {
  items: T[] | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Saved sources, re-read when sources change and when any job ends (a sync's last run, next
 * run and status change then), and after the event stream reconnects.
 */
export function useSources(): ListState<SourceInfo> {
  const { data, error, loading, reload } = useQuery('sources.list', {});
  useEvent('sources.changed', reload);
  useEvent('job.finished', reload);
  useEffect(() => onReconnect(reload), [reload]);
  return { items: data?.sources, error, loading, reload };
}

/** Saved connections (never with their secrets), re-read when they change. */
export function useConnections(): ListState<ConnectionInfo> {
  const { data, error, loading, reload } = useQuery('connections.list', {});
  useEvent('sources.changed', reload);
  useEffect(() => onReconnect(reload), [reload]);
  return { items: data?.connections, error, loading, reload };
}
