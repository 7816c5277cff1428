export { AccountsPage, type AccountsPageProps } from './AccountsPage';
