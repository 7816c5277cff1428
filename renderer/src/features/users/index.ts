export { UsersPage, type UsersPageProps } from './UsersPage';
