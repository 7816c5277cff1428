export { ImportSummaryModal, type ImportSummaryModalProps } from './ImportSummaryModal';
