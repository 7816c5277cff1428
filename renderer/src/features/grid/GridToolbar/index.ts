export { GridToolbar, type GridToolbarProps } from './GridToolbar';
