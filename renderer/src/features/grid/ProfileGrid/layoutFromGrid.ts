import type { ColumnState } from 'ag-grid-community';
import type { GridLayout, Pinned } from '../layout';

/** The layout the user made by dragging or resizing headers, read back from the grid. */
export function layoutFromColumnState(state: ColumnState[]): GridLayout {
  return {
    version: 1,
    columns: state
      .filter((s) => !s.hide)
      .map((s) => {
        const pinned: Pinned = s.pinned === 'left' || s.pinned === true ? 'left' : s.pinned === 'right' ? 'right' : null;
        return s.width ? { key: s.colId, pinned, width: Math.round(s.width) } : { key: s.colId, pinned };
      }),
  };
}
