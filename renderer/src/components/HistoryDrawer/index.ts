export { HistoryDrawer, type HistoryDrawerProps } from './HistoryDrawer';
