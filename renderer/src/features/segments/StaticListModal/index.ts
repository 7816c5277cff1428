export { StaticListModal, type StaticListModalProps } from './StaticListModal';
