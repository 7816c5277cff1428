export { AnalyticsPage, type AnalyticsPageProps } from './AnalyticsPage';
