export { ExportButton, type ExportButtonProps } from './ExportButton';
export { ExportDialog, type ExportDialogProps } from './ExportDialog';
