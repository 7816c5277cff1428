export { EmptyStore } from './EmptyStore';
export { ImportProvider, useImport, type ImportContextValue } from './ImportProvider';
export { JobStatus } from './JobStatus';
