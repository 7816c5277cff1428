export { NumberFilter } from './NumberFilter';
export { SetFilter, type GridFilterContext } from './SetFilter';
export { TextFilter } from './TextFilter';
export { TimeFilter } from './TimeFilter';
