export { KindIcon, KIND_LABELS, type KindIconProps } from './KindIcon';
