/**
 * What a grid, an export or a chart asks for: a query in the language, a saved segment and the
 * column filters, combined with AND into the one Filter the compiler takes. Segments are
 * expanded here: a query segment becomes its parsed query (segments nest), a static list
 * becomes a membership test. Every problem is a `bad_query` with the position when there is one.
 */
import { and, filterLimitError, type Filter } from '../../../common/filter';
import { ATTRIBUTES, type AttributeSpec, type ProfileKind } from '../../../common/keys';
import { QueryError, queryToFilter } from '../../../common/query';
import { ApiError } from '../dispatcher';
import { entityKind, type SegmentStore } from './segments';

export interface Selection {
  query?: string;
  segment?: string;
  filter?: Filter | null;
}

/** Segments may refer to segments this many levels deep. */
const MAX_SEGMENT_DEPTH = 8;

export class SelectionResolver {
  constructor(
    private readonly segments: SegmentStore,
    private readonly now: () => number,
    /** The attributes a query may name (the catalog's, custom ones included). */
    private readonly attributes: (kind: ProfileKind) => readonly AttributeSpec[] = (kind) => ATTRIBUTES[kind],
  ) {}

  /** The combined filter, or null when nothing narrows the selection. */
  resolve(kind: ProfileKind, selection: Selection): Filter | null {
    const now = this.now();
    const fromQuery = selection.query ? this.parse(kind, selection.query, now) : null;
    const fromSegment: Filter | null = selection.segment ? { op: 'segment', name: selection.segment } : null;
    const combined = and(fromSegment, fromQuery, selection.filter);
    if (combined === null) return null;
    const expanded = this.expand(kind, combined, now, []);
    const tooLarge = filterLimitError(expanded);
    if (tooLarge !== null) throw new ApiError('bad_query', `The query is too large: ${tooLarge}`);
    return expanded;
  }

  /** Parses a query for `kind`, as a `bad_query` error with its position when malformed. */
  parse(kind: ProfileKind, query: string, now = this.now()): Filter | null {
    try {
      return queryToFilter(query, { attributes: this.attributes(kind), now });
    } catch (err) {
      if (err instanceof QueryError) {
        throw new ApiError('bad_query', err.message, { position: err.position, expected: err.expected });
      }
      throw err;
    }
  }

  private expand(kind: ProfileKind, filter: Filter, now: number, path: string[]): Filter {
    switch (filter.op) {
      case 'and':
      case 'or':
        return { op: filter.op, items: filter.items.map((f) => this.expand(kind, f, now, path)) };
      case 'not':
        return { op: 'not', item: this.expand(kind, filter.item, now, path) };
      case 'segment':
        return this.expandSegment(kind, filter.name, now, path);
      default:
        return filter;
    }
  }

  private expandSegment(kind: ProfileKind, name: string, now: number, path: string[]): Filter {
    const segment = this.segments.find(name);
    if (!segment) throw new ApiError('bad_query', `No segment named "${name}"`, { segment: name });
    const key = segment.name.toLowerCase();
    if (path.includes(key)) {
      throw new ApiError('bad_query', `Segment "${segment.name}" refers to itself (${[...path, key].join(' → ')})`);
    }
    if (path.length >= MAX_SEGMENT_DEPTH) throw new ApiError('bad_query', `Segments nest more than ${MAX_SEGMENT_DEPTH} levels deep`);
    if (entityKind(segment.entity) !== kind) {
      throw new ApiError('bad_query', `"${segment.name}" is a segment of ${segment.entity}, not of ${kind}s`);
    }
    if (segment.query === null) return { op: 'members', segmentId: segment.id };
    let inner: Filter | null;
    try {
      inner = queryToFilter(segment.query, { attributes: this.attributes(kind), now });
    } catch (err) {
      if (err instanceof QueryError) throw new ApiError('bad_query', `The query of segment "${segment.name}" no longer reads: ${err.message}`);
      throw err;
    }
    return inner === null ? { op: 'and', items: [] } : this.expand(kind, inner, now, [...path, key]);
  }
}
