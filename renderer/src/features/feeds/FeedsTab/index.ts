export { FeedsTab } from './FeedsTab';
