export { FeedNotifications, type FeedNotice } from './FeedNotifications';
