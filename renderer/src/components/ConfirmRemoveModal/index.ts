export { ConfirmRemoveModal, type ConfirmRemoveModalProps } from './ConfirmRemoveModal';
