export { RemoveFeedModal, type RemoveFeedModalProps } from './RemoveFeedModal';
