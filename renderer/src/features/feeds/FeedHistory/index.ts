export { FeedHistory, type FeedHistoryProps } from './FeedHistory';
