export { SaveSegmentButton, segmentTerm, type SaveSegmentButtonProps } from './SaveSegmentButton';
export { SegmentChip, type SegmentChipProps } from './SegmentChip';
export { SegmentSelectionProvider, useSegmentSelection, type SegmentSelection } from './segmentContext';
export { SegmentsPage } from './SegmentsPage';
