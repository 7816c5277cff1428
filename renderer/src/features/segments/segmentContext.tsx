import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProfileKind } from '../../../../common/keys';

/** The segment each grid is narrowed to (null: none), and opening one from the Segments page. */
export interface SegmentSelection {
  segmentOf: (kind: ProfileKind) => string | null;
  setSegment: (kind: ProfileKind, name: string | null) => void;
  /** Shows the grid of `kind` narrowed to the segment. */
  openSegment: (kind: ProfileKind, name: string) => void;
}

const Context = createContext<SegmentSelection | null>(null);

export interface SegmentSelectionProviderProps {
  /** Switches to the grid page of a kind (the app's navigation). */
  showGrid: (kind: ProfileKind) => void;
  children: ReactNode;
}

export function SegmentSelectionProvider({ showGrid, children }: SegmentSelectionProviderProps) {
  const [segments, setSegments] = useState<Record<ProfileKind, string | null>>({ user: null, account: null });
  const setSegment = useCallback((kind: ProfileKind, name: string | null) => setSegments((s) => ({ ...s, [kind]: name })), []);
  const value = useMemo<SegmentSelection>(
    () => ({
      segmentOf: (kind) => segments[kind],
      setSegment,
      openSegment: (kind, name) => {
        setSegment(kind, name);
        showGrid(kind);
      },
    }),
    [segments, setSegment, showGrid],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The segment selection; without a provider (tests, isolated pages) no segment is ever set. */
export function useSegmentSelection(): SegmentSelection {
  return (
    useContext(Context) ?? {
      segmentOf: () => null,
      setSegment: () => {},
      openSegment: () => {},
    }
  );
}
