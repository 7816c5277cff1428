import { onReconnect, useEvent, useQuery } from '../../api';
import { useEffect } from 'react';
import type { SegmentInfo } from '../../../../common/types';

export interface SegmentsState {
  segments: SegmentInfo[] | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Saved segments with live counts: re-read when segments change and when profiles change (a new
 * import changes every count).
 */
export function useSegments(entity?: SegmentInfo['entity']): SegmentsState {
  const { data, error, loading, reload } = useQuery('segments.list', entity ? { entity } : {});
  useEvent('segments.changed', reload);
  useEvent('profiles.changed', reload);
  // Events may have been missed while the browser host's event stream was down.
  useEffect(() => onReconnect(reload), [reload]);
  return { segments: data?.segments, error, loading, reload };
}
