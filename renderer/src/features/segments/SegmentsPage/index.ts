export { SegmentsPage } from './SegmentsPage';
