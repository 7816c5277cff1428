export { DeleteSegmentModal, type DeleteSegmentModalProps } from './DeleteSegmentModal';
