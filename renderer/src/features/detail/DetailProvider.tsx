import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProfileKind } from '../../../../common/keys';
import { DetailDrawer } from './DetailDrawer';

export interface DetailTarget {
  kind: ProfileKind;
  id: string;
}

export interface DetailContextValue {
  /** The profile shown, null when the drawer is closed. */
  current: DetailTarget | null;
  /** Depth of the drawer's history (user → account → user…). */
  depth: number;
  /** Opens a profile; from inside the drawer it stacks, so "Back" returns. */
  open: (target: DetailTarget, options?: { stack?: boolean }) => void;
  back: () => void;
  close: () => void;
}

const DetailContext = createContext<DetailContextValue | null>(null);

export function useDetail(): DetailContextValue {
  const value = useContext(DetailContext);
  if (!value) throw new Error('useDetail outside DetailProvider');
  return value;
}

/** Profile details in a drawer over the grids (the grids stay mounted: scroll, sort, filters kept). */
export function DetailProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<DetailTarget[]>([]);

  const open = useCallback((target: DetailTarget, options?: { stack?: boolean }) => {
    setStack((s) => {
      const top = s[s.length - 1];
      if (top && top.kind === target.kind && top.id === target.id) return s;
      return options?.stack ? [...s, target] : [target];
    });
  }, []);
  const back = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const close = useCallback(() => setStack([]), []);

  const value = useMemo<DetailContextValue>(
    () => ({ current: stack[stack.length - 1] ?? null, depth: stack.length, open, back, close }),
    [stack, open, back, close],
  );

  return (
    <DetailContext.Provider value={value}>
      {children}
      <DetailDrawer />
    </DetailContext.Provider>
  );
}
