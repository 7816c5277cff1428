export { FeedKindIcon } from './FeedKindIcon';
