export { FeedsTable, type FeedAction, type FeedsTableProps } from './FeedsTable';
