export { SegmentChip, type SegmentChipProps } from './SegmentChip';
