import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { getTransport } from '../api';

export interface ShortcutActions {
  focusSearch: () => void;
  openImport: () => void;
}

/**
 * `/` and Ctrl/Cmd+F focus the search box; Ctrl/Cmd+O opens the import picker. In Electron the
 * native File menu owns Ctrl/Cmd+O (its accelerator), so the renderer leaves it alone there.
 */
export function useShortcuts({ focusSearch, openImport }: ShortcutActions): void {
  const inElectron = getTransport().kind === 'electron';
  // Modifier shortcuts work from inside inputs too; `/` must stay typeable there.
  const withModifier: HotkeyItem[] = [['mod+F', focusSearch]];
  if (!inElectron) withModifier.push(['mod+O', openImport]);
  useHotkeys(withModifier, []);
  useHotkeys([['/', focusSearch]]);
}
