import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** The app's Mantine theme: compact, desktop-like, a Datadog-ish violet accent. */
export const theme = createTheme({
  primaryColor: 'violet',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});

/** App-level variables that differ by scheme (the grid's chrome and hover colours). */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--pd-grid-chrome': t.colors.gray[0],
    '--pd-grid-hover': t.colors.gray[0],
    '--pd-surface': t.white,
    '--pd-app-bg': t.colors.gray[0],
  },
  dark: {
    '--pd-grid-chrome': t.colors.dark[6],
    '--pd-grid-hover': t.colors.dark[5],
    '--pd-surface': t.colors.dark[7],
    '--pd-app-bg': t.colors.dark[8],
  },
});
