export { SyncHistory, type SyncHistoryProps } from './SyncHistory';
