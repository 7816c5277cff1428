export { PreviewTable, typeLabel, type PreviewTableProps } from './PreviewTable';
