/**
 * AG Grid setup, once: the modules this app uses (without them the grid renders nothing, error
 * #200) and a theme drawn from Mantine's CSS variables, so it follows the light/dark scheme.
 */
import {
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomFilterModule,
  EventApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';

let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    InfiniteRowModelModule,
    CustomFilterModule,
    CellStyleModule,
    RowStyleModule,
    ColumnApiModule,
    ColumnAutoSizeModule,
    RowApiModule,
    RowSelectionModule,
    ScrollApiModule,
    EventApiModule,
    TooltipModule,
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}

export const ROW_HEIGHT = 34;
export const HEADER_HEIGHT = 38;

export const gridTheme = themeQuartz.withParams({
  browserColorScheme: 'inherit',
  fontFamily: 'var(--mantine-font-family)',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  backgroundColor: 'var(--mantine-color-body)',
  foregroundColor: 'var(--mantine-color-text)',
  textColor: 'var(--mantine-color-text)',
  subtleTextColor: 'var(--mantine-color-dimmed)',
  accentColor: 'var(--mantine-primary-color-filled)',
  borderColor: 'var(--mantine-color-default-border)',
  chromeBackgroundColor: 'var(--pd-grid-chrome)',
  headerBackgroundColor: 'var(--pd-grid-chrome)',
  headerTextColor: 'var(--mantine-color-dimmed)',
  rowHoverColor: 'var(--pd-grid-hover)',
  selectedRowBackgroundColor: 'var(--mantine-primary-color-light)',
  oddRowBackgroundColor: 'var(--mantine-color-body)',
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  rowHeight: ROW_HEIGHT,
  headerHeight: HEADER_HEIGHT,
  spacing: 6,
  cellHorizontalPadding: 12,
  menuBackgroundColor: 'var(--mantine-color-body)',
  menuBorder: true,
  menuShadow: 'var(--mantine-shadow-md)',
});
