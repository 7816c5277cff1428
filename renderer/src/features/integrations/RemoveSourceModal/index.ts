export { RemoveSourceModal, type RemoveSourceModalProps } from './RemoveSourceModal';
