export { SaveSegmentButton, segmentTerm, type SaveSegmentButtonProps } from './SaveSegmentButton';
