export { FeedsTab } from './FeedsTab';
export { FeedJobsProvider, useFeedJobs } from './feedJobs';
