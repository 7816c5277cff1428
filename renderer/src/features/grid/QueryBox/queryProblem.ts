/**
 * A query the grid won't run: read locally with the language of common/query for instant
 * feedback, or refused by the core (`bad_query`, which re-validates and also knows segments).
 */
import type { AttributeSpec } from '../../../../../common/keys';
import { QueryError, queryToFilter } from '../../../../../common/query';
import { ApiError } from '../../../api/errors';

export interface QueryProblem {
  /** The query as it was when the problem was found (the echo under the box shows this). */
  query: string;
  message: string;
  /** 0-based character position, when the problem has one (an unknown segment has none). */
  position: number | null;
}

/** Null when the query reads and resolves against these attributes (one kind of profile's, custom ones included). */
export function checkQuery(attributes: readonly AttributeSpec[], query: string, now = Date.now()): QueryProblem | null {
  try {
    queryToFilter(query, { attributes, now });
    return null;
  } catch (err) {
    if (err instanceof QueryError) return { query, message: err.message, position: err.position };
    throw err;
  }
}

/** The core's `bad_query` refusal of `query` as a problem; null for any other error. */
export function problemFromError(err: unknown, query: string): QueryProblem | null {
  if (!(err instanceof ApiError) || err.code !== 'bad_query') return null;
  const position = (err.details as { position?: unknown } | undefined)?.position;
  return { query, message: err.message, position: typeof position === 'number' ? position : null };
}

export interface EchoParts {
  before: string;
  /** The character at the position, or '' at the end of the query (shown as a marked gap). */
  at: string;
  after: string;
  /** Cut at the start or the end to keep a long query's echo around the position. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** The query split around the problem's position, at most `radius` characters each side. */
export function echoParts(query: string, position: number, radius = 40): EchoParts {
  const pos = Math.max(0, Math.min(position, query.length));
  const from = Math.max(0, pos - radius);
  const to = Math.min(query.length, pos + 1 + radius);
  return {
    before: query.slice(from, pos),
    at: query.slice(pos, pos + 1),
    after: query.slice(pos + 1, to),
    cutBefore: from > 0,
    cutAfter: to < query.length,
  };
}
