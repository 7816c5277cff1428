export { FeedStatus, type FeedStatusProps, type RunningPull } from './FeedStatus';
