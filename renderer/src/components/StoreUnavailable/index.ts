export { StoreUnavailable } from './StoreUnavailable';
