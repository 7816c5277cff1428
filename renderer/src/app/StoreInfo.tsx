import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { StoreInfo } from '../../../common/types';
import { onEvent, onReconnect, useQuery } from '../api';

interface StoreInfoValue {
  info: StoreInfo | undefined;
  error: Error | undefined;
  reload: () => void;
}

const StoreInfoContext = createContext<StoreInfoValue>({ info: undefined, error: undefined, reload: () => {} });

/** `store.info` for the whole app, refreshed whenever profiles change or a job ends. */
export function StoreInfoProvider({ children }: { children: ReactNode }) {
  const { data, error, reload } = useQuery('store.info', {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    };
    const offs = [onEvent('profiles.changed', soon), onEvent('job.finished', reload), onReconnect(reload)];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [reload]);

  const value = useMemo(() => ({ info: data, error, reload }), [data, error, reload]);
  return <StoreInfoContext.Provider value={value}>{children}</StoreInfoContext.Provider>;
}

export function useStoreInfo(): StoreInfoValue {
  return useContext(StoreInfoContext);
}
