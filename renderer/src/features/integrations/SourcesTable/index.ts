export { SourcesTable, type RunningSync, type SourceAction, type SourcesTableProps } from './SourcesTable';
