export { SegmentNameModal, type SegmentNameModalProps } from './SegmentNameModal';
