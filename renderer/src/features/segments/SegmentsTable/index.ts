export { SegmentsTable, type SegmentAction, type SegmentsTableProps } from './SegmentsTable';
