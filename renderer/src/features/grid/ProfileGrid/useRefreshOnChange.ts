import { useEffect, useRef } from 'react';
import type { ProfileKind } from '../../../../../common/keys';
import { onEvent, onReconnect } from '../../../api';

const MIN_INTERVAL_MS = 1000;

/**
 * Refreshes a grid when the core says its profiles changed (an import batch landed), at most
 * once a second so a running import doesn't keep the grid reloading; when sources change (a sync
 * replaced custom attribute values, a removed source took its values away); and after a
 * reconnect, since changes may have been missed.
 */
export function useRefreshOnChange(kind: ProfileKind, refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      last = Date.now();
      timer = undefined;
      latest.current();
    };
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, last + MIN_INTERVAL_MS - Date.now());
      timer = setTimeout(run, wait);
    };
    const offChange = onEvent('profiles.changed', ({ kinds }) => {
      if (kinds.includes(kind)) schedule();
    });
    const offSources = onEvent('sources.changed', schedule);
    const offReconnect = onReconnect(schedule);
    return () => {
      offChange();
      offSources();
      offReconnect();
      clearTimeout(timer);
    };
  }, [kind]);
}
