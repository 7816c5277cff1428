export { ConnectionsTab } from './ConnectionsTab';
