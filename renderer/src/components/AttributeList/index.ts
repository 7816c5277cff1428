export { AttributeList, GROUP_LABELS, type AttributeListProps } from './AttributeList';
