export { SyncReportView, type SyncReportViewProps } from './SyncReportView';
