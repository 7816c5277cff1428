export { DetailProvider, useDetail, type DetailTarget } from './DetailProvider';
