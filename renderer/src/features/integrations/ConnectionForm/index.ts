export { ConnectionForm, type ConnectionFormProps } from './ConnectionForm';
