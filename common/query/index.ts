/** The query language (ARCHITECTURE.md §8): parser, resolver to `Filter`, and its errors. */
export type { QueryNode, ValueNode, Span } from './ast';
export { QueryError } from './errors';
export { parseQuery } from './parse';
export { parseTime } from './times';
export { queryToFilter, SEGMENT_KEY, type QueryContext } from './to-filter';
