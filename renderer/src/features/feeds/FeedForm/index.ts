export { FeedForm, type FeedFormProps } from './FeedForm';
