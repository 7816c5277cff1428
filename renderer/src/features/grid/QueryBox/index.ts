export { QueryBox, type QueryBoxProps } from './QueryBox';
export { QueryProblemLine } from './QueryProblemLine';
export { useGridQuery, type GridQueryState } from './useGridQuery';
