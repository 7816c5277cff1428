/** A query the language can't read or resolve: where (0-based character position) and what was expected. */
export class QueryError extends Error {
  override name = 'QueryError';
  constructor(
    message: string,
    readonly position: number,
    readonly expected: string,
  ) {
    super(message);
  }
}
