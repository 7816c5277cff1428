export { EmptyStore, type EmptyStoreProps } from './EmptyStore';
