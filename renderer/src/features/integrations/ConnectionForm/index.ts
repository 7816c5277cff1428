export { ConnectionForm, type ConnectionFormProps } from './ConnectionForm';
export { authLabel, SECRET_LABELS } from './connectionFields';
