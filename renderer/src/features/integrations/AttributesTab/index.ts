export { AttributesTab } from './AttributesTab';
