/**
 * Grid blocks at any depth, with or without a filter, within the grid budget.
 *
 * - OFFSET makes SQLite step over every earlier row. The grid asks for consecutive blocks as
 *   it scrolls, so where each block ended is remembered as an anchor (sort value, row id) and
 *   the next block seeks to it through the sort index, skipping only what lies between
 *   (without a filter, only from a near anchor: a plain OFFSET skips a row faster).
 * - With a filter matching many rows, SQLite would rather collect them through the filter's
 *   index and sort them all; walking the sort index and testing each row finds the first rows
 *   of a block sooner, so the sort index is forced. Few matches: they are read through the
 *   filter's index first (a materialized CTE), then sorted, at any offset.
 * - A jump far past every anchor of a filtered query would walk most of the sort index, testing
 *   each row: instead it is served from memory (sorted-ids.ts): the sort's order of every id,
 *   built on a worker thread from the first block of that sort, and the filter's match set,
 *   built as soon as the filter is counted or paged. Sorting by a custom attribute (a lookup per
 *   row, no index) always takes that path. Sorting by several keys lists the matches in SQL.
 * - Another connection's commit (an import, the CLI) moves SQLite's data_version: everything
 *   learnt is forgotten then, as after clear().
 */
import type { Filter, SortKey } from '../../../common/filter';
import type { ProfileKind, ProfileRow } from '../../../common/keys';
import type { Db } from '../store/open';
import { column, compileFilter, compileSort, specOf, TABLES, valueSql, type ProfileTable, type Sql } from './compile';
import { InThreadIds, type IdQueryRunner } from './id-query';
import { sizeOf } from './match-sets';
import { columnList, toProfileRow, type PageRequest } from './profiles';
import { samplePivot } from './pivot';
import { SortedIds } from './sorted-ids';

export interface BlockTuning {
  /** Above this many matches the sort index is walked instead of sorting the matches. */
  sortMatchesLimit: number;
  /** A filtered block this far past the nearest anchor is served from memory (sorted-ids.ts). */
  jumpRows: number;
  /**
   * A forced walk of the sort index tests at most this many rows: a filter correlated with the
   * sort (country:US sorted by country) would otherwise pass hundreds of thousands first
   * (1–2 s at a million; ~4 µs a row). A walk that ends short is served from memory instead.
   */
  walkRows: number;
  /** A scan of a table of at least this many rows (a wildcard's) is split over both id workers. */
  splitScanRows: number;
}
const DEFAULT_TUNING: BlockTuning = { sortMatchesLimit: 20_000, jumpRows: 2_000, walkRows: 4_000, splitScanRows: 50_000 };
/**
 * Skipping a row after an anchor's seek costs about six times skipping one in a plain OFFSET
 * (measured at 1M users, warm: 400k rows in 18–35 ms against 4–5 ms), since the seek's tie
 * condition is tested on every row skipped. An unfiltered block therefore seeks only from an
 * anchor that much nearer than the start. With a filter, testing it on each row costs more still.
 */
const SEEK_SKIP_COST = 6;
const MAX_QUERIES = 50;
const MAX_ANCHORS = 5_000;
const MAX_ID_LISTS = 4;

/** A block query's row: the id and its sort value. */
interface BlockRow {
  id: number;
  k: string | number | null;
}

interface Anchor {
  value: string | number;
  id: number;
}

/** The seek condition "after the anchor" in the sort order, or null when it can't seek. */
function afterAnchor(t: ProfileTable, sort: SortKey, anchor: Anchor): Sql | null {
  const spec = specOf(t, sort.key);
  // A custom attribute has no index to seek: its sort is computed whole.
  if (t.custom.has(spec.key)) return null;
  const notNull = spec.type === 'number' || spec.type === 'time' || spec.key === t.idKey;
  // NULLs sort first: descending, they follow the anchor outside the index range a seek covers.
  if (sort.dir === 'desc' && !notNull) return null;
  const col = column(t, spec);
  const [cmp, strict] = sort.dir === 'asc' ? ['>=', '>'] : ['<=', '<'];
  // `col >= v` lets SQLite seek the index; the rest skips the rows equal to v up to the anchor.
  const tie = spec.key === t.idKey ? '' : ` OR id ${strict} ?`;
  return {
    sql: `${col} ${cmp} ? AND (${col} ${strict} ?${tie})`,
    params: tie ? [anchor.value, anchor.value, anchor.id] : [anchor.value, anchor.value],
  };
}

export class BlockReader {
  /** Per query (kind, filter, sort): block end offset → anchor. Insertion order is LRU order. */
  private readonly anchors = new Map<string, Map<number, Anchor>>();
  private readonly counts = new Map<string, number>();
  /** Per filtered query sorted by several keys: the ids of every match in sort order. */
  private readonly idLists = new Map<string, Float64Array>();
  private readonly sorted: SortedIds;
  /** Per kind and key: a value near the middle of its order (sorted-ids.ts splits scans there). */
  private readonly pivots = new Map<string, string | number | null>();
  private dataVersion: number;
  /** Moves with clear(): a count made from reads of an older store is not kept. */
  private generation = 0;
  private readonly tuning: BlockTuning;

  constructor(
    private readonly db: Db,
    /** The profile tables with their current attributes (the catalog's, in the core). */
    private readonly tables: (kind: ProfileKind) => ProfileTable = (kind) => TABLES[kind],
    /** Thresholds other than the defaults (tests lower them to exercise every path on a small store). */
    tuning: Partial<BlockTuning> = {},
    /** Where id lists are read: a worker thread in the core (id-thread.ts), else this thread. */
    private readonly ids: IdQueryRunner = new InThreadIds(db),
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.sorted = new SortedIds(ids, (t, key) => this.pivot(t, key));
    this.dataVersion = this.currentDataVersion();
  }

  /** Forgets anchors, counts and id lists: the store changed. */
  clear(): void {
    this.generation++;
    this.anchors.clear();
    this.counts.clear();
    this.idLists.clear();
    this.pivots.clear();
    this.sorted.clear();
  }

  /** Stops the id worker threads. */
  close(): Promise<void> {
    return this.ids.close();
  }

  count(kind: ProfileKind, filter: Filter | null): number {
    this.noticeCommits();
    // The grid counts a new filter first: its match set is ready by the time anyone jumps deep.
    this.sorted.readAhead(this.tables(kind), null, filter);
    const key = JSON.stringify([kind, filter]);
    let n = this.counts.get(key);
    if (n === undefined) {
      const t = this.tables(kind);
      const where = compileFilter(t, filter);
      n = this.db.prepare(`SELECT count(*) FROM ${t.table} WHERE ${where.sql}`).pluck().get(...where.params) as number;
      if (this.counts.size >= MAX_QUERIES) this.counts.delete(this.counts.keys().next().value!);
      this.counts.set(key, n);
    }
    return n;
  }

  /**
   * The count as the grid asks it: from the filter's match set, read on the id workers (a
   * LIKE's scan, an AND of indexed parts intersected in memory: 0.1–0.2 s where SQLite's own
   * plan took up to a second on this thread), so a deep jump right after finds the set ready.
   * Without workers, or when the read fails, counted by SQL as count() does.
   */
  async countMatches(kind: ProfileKind, filter: Filter | null): Promise<number> {
    this.noticeCommits();
    const key = JSON.stringify([kind, filter]);
    if (filter === null || !this.ids.concurrent) return this.count(kind, filter);
    // A count kept longer than its match set (a filter come back to) reads the set again, as a
    // new filter's count does: the blocks that follow slice it instead of waiting for it.
    const cached = this.counts.get(key);
    if (cached !== undefined && this.sorted.hasMatches(this.tables(kind), filter)) return cached;
    const generation = this.generation;
    let n: number;
    try {
      const set = await this.sorted.matches(this.tables(kind), filter);
      const total = this.count(kind, null); // notices a commit made meanwhile
      if (generation !== this.generation) return this.count(kind, filter);
      n = sizeOf(set, total);
    } catch {
      return this.count(kind, filter);
    }
    this.counts.delete(key);
    if (this.counts.size >= MAX_QUERIES) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, n);
    return n;
  }

  async page(kind: ProfileKind, req: PageRequest): Promise<ProfileRow[]> {
    this.noticeCommits();
    const t = this.tables(kind);
    const sort: SortKey[] = req.sort.length ? req.sort : [{ key: 'last_seen', dir: 'desc' }];
    const single = sort.length === 1 ? sort[0]! : null;
    this.sorted.readAhead(t, single?.key ?? null, req.filter);
    const q = this.blockQuery(kind, req);
    let ids: number[];
    // A custom attribute has no sort index to seek: its order is computed once, then sliced.
    const customSort = sort.some((k) => t.custom.has(k.key));
    // Any block is a slice once both the sort's order and the filter's matches are in memory;
    // few matches are sorted whole by SQL unless the order is (their set is read at once).
    // Without a filter, a far jump skips its rows in the index (~11 ms per 500k), or slices the order.
    const fromMemory = single !== null && (req.filter === null
      ? q.skip > this.tuning.jumpRows && this.sorted.hasOrder(t, single.key)
      : this.sorted.hasAll(t, single.key, req.filter) || (q.whole && this.sorted.hasOrder(t, single.key)));
    const deep = customSort || fromMemory || (req.filter !== null && !q.whole && q.skip > this.tuning.jumpRows);
    if (deep && single) {
      ids = await this.sorted.block(t, req.filter, single.key, single.dir, req.offset, req.limit);
    } else if (deep) {
      ids = Array.from(this.idList(kind, req).subarray(req.offset, req.offset + req.limit));
    } else if (single && req.filter === null && this.nearerFromEnd(kind, req, q.seeks ? q.skip * SEEK_SKIP_COST : q.skip)) {
      // Past the middle, nearer the end than any anchor: the same rows are the first of the
      // opposite direction (its exact reverse, see sorted-ids.ts), with fewer to skip.
      const total = this.count(kind, null);
      const end = Math.min(total, req.offset + req.limit);
      const flipped: PageRequest = { ...req, sort: [{ key: single.key, dir: single.dir === 'asc' ? 'desc' : 'asc' }], offset: total - end, limit: end - req.offset };
      const r = this.blockQuery(kind, flipped);
      const rows = this.db.prepare(r.sql).all(...r.params) as BlockRow[];
      this.rememberEnd(r.anchors, flipped.offset, rows);
      ids = rows.map((row) => row.id).reverse();
    } else {
      const rows = this.db.prepare(q.sql).all(...q.params) as BlockRow[];
      // A bounded walk that ended before the block was full and before the last match.
      if (q.bounded && single && rows.length < req.limit && req.offset + rows.length < this.count(kind, req.filter)) {
        ids = await this.sorted.block(t, req.filter, single.key, single.dir, req.offset, req.limit);
      } else {
        this.rememberEnd(q.anchors, req.offset, rows);
        ids = rows.map((r) => r.id);
      }
    }
    if (ids.length === 0) return [];
    // The block's rows, in the order of the ids (an id deleted since its list was made is left out).
    const rows = this.db
      .prepare(`SELECT ${columnList(t)}, id FROM ${t.table} WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as Array<Record<string, unknown>>;
    const byId = new Map(rows.map((r) => [r.id as number, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toProfileRow(t, row)] : [];
    });
  }

  /** Where a wildcard's scan of `key` is split (pivot.ts), once per key until the store changes; null for small tables. */
  private pivot(t: ProfileTable, key: string): string | number | null {
    const cacheKey = `${t.kind}/${key}`;
    let value = this.pivots.get(cacheKey);
    if (value === undefined) {
      const spec = specOf(t, key);
      value = this.count(t.kind, null) < this.tuning.splitScanRows ? null : samplePivot(this.db, t.table, valueSql(t, spec), column(t, spec));
      this.pivots.set(cacheKey, value);
    }
    return value;
  }

  /** True when an unfiltered block costs less counted from the other end of the sort (`cost` in plain rows skipped). */
  private nearerFromEnd(kind: ProfileKind, req: PageRequest, cost: number): boolean {
    const total = this.count(kind, null);
    return req.offset < total && cost > total - Math.min(total, req.offset + req.limit) + req.limit;
  }

  /** Another connection committed since the last look: what was learnt may be stale. */
  private noticeCommits(): void {
    const version = this.currentDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.clear();
  }

  private currentDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * The ids (and sort values) of a block: seeking from an anchor, forcing the sort index, or
   * (`whole`) sorting every match of a filter that matches few, at any offset.
   */
  blockQuery(
    kind: ProfileKind,
    req: PageRequest,
  ): Sql & { anchors: Map<number, Anchor> | null; skip: number; seeks: boolean; whole: boolean; bounded: boolean } {
    const t = this.tables(kind);
    const sort: SortKey[] = req.sort.length ? req.sort : [{ key: 'last_seen', dir: 'desc' }];
    const single = sort.length === 1 ? sort[0]! : null;
    const where = compileFilter(t, req.filter);
    const custom = sort.some((k) => t.custom.has(k.key));
    if (req.filter !== null && !custom && this.count(kind, req.filter) <= this.tuning.sortMatchesLimit) {
      // Left to itself SQLite may walk the sort's index testing every row (seconds at a million
      // for a few hundred matches): the matches are read through the filter's own index first.
      const columns = [...new Set(['id', ...sort.map((k) => k.key)])].join(', ');
      const sortKey = single ? valueSql(t, specOf(t, single.key), 'm') : 'm.id';
      const sql =
        `WITH m AS MATERIALIZED (SELECT ${columns} FROM ${t.table} WHERE ${where.sql}) ` +
        `SELECT id, ${sortKey} AS k FROM m ORDER BY ${compileSort(t, sort, 'm')} LIMIT ? OFFSET ?`;
      return { sql, params: [...where.params, req.limit, req.offset], anchors: null, skip: req.offset, seeks: false, whole: true, bounded: false };
    }
    const queryKey = JSON.stringify([kind, req.filter, sort]);
    const anchors = single ? this.anchorsOf(queryKey) : null;

    // The nearest anchor at or before the block's start, when it can seek (and, without a
    // filter, when skipping from it costs less than skipping from the start).
    let from = 0;
    let seek: Sql | null = null;
    if (single && anchors) {
      for (const [offset, anchor] of anchors) {
        if (offset > req.offset || offset <= from) continue;
        if (req.filter === null && (req.offset - offset) * SEEK_SKIP_COST >= req.offset) continue;
        const s = afterAnchor(t, single, anchor);
        if (s) [from, seek] = [offset, s];
      }
    }
    const indexed = single !== null && !t.custom.has(single.key);
    const forceIndex = indexed && req.filter !== null && this.count(kind, req.filter) > this.tuning.sortMatchesLimit;
    const indexName = single ? (single.key === t.idKey ? `${t.table}_${t.idKey}_unique` : `${t.table}_by_${single.key}`) : '';
    const sortKey = single ? valueSql(t, specOf(t, single.key)) : 'id';
    const skip = req.offset - from;
    if (forceIndex) {
      // The first walkRows rows of the index from the seek, in order, streamed (a co-routine:
      // the outer LIMIT stops the walk early) and tested by the filter outside. Named as the
      // table, so the filter's references to it (custom attributes) read the walked row.
      const walk =
        `SELECT * FROM ${t.table} INDEXED BY ${indexName}${seek ? ` WHERE ${seek.sql}` : ''} ` +
        `ORDER BY ${compileSort(t, sort)} LIMIT ${Math.max(1, Math.floor(this.tuning.walkRows))}`;
      const sql = `SELECT id, ${sortKey} AS k FROM (${walk}) AS ${t.table} WHERE ${where.sql} LIMIT ? OFFSET ?`;
      return { sql, params: [...(seek?.params ?? []), ...where.params, req.limit, skip], anchors, skip, seeks: seek !== null, whole: false, bounded: true };
    }
    const inner =
      `SELECT id, ${sortKey} AS k FROM ${t.table} ` +
      `WHERE ${where.sql}${seek ? ` AND ${seek.sql}` : ''} ORDER BY ${compileSort(t, sort)} LIMIT ? OFFSET ?`;
    return { sql: inner, params: [...where.params, ...(seek?.params ?? []), req.limit, skip], anchors, skip, seeks: seek !== null, whole: false, bounded: false };
  }

  private idList(kind: ProfileKind, req: PageRequest): Float64Array {
    const t = this.tables(kind);
    const key = JSON.stringify([kind, req.filter, req.sort]);
    let list = this.idLists.get(key);
    if (!list) {
      const where = compileFilter(t, req.filter);
      const ids = this.db
        .prepare(`SELECT id FROM ${t.table} WHERE ${where.sql} ORDER BY ${compileSort(t, req.sort)}`)
        .pluck()
        .all(...where.params) as number[];
      list = Float64Array.from(ids);
      if (this.idLists.size >= MAX_ID_LISTS) this.idLists.delete(this.idLists.keys().next().value!);
      this.idLists.set(key, list);
    }
    return list;
  }

  private anchorsOf(queryKey: string): Map<number, Anchor> {
    let anchors = this.anchors.get(queryKey);
    if (anchors) this.anchors.delete(queryKey);
    else anchors = new Map();
    this.anchors.set(queryKey, anchors);
    if (this.anchors.size > MAX_QUERIES) this.anchors.delete(this.anchors.keys().next().value!);
    return anchors;
  }

  /** Remembers where a block of `rows` read from `offset` ended, for the next block to seek to. */
  private rememberEnd(anchors: Map<number, Anchor> | null, offset: number, rows: BlockRow[]): void {
    const last = rows[rows.length - 1];
    if (anchors && last && last.k != null) this.remember(anchors, offset + rows.length, { value: last.k, id: last.id });
  }

  private remember(anchors: Map<number, Anchor>, offset: number, anchor: Anchor): void {
    if (anchors.size >= MAX_ANCHORS) anchors.delete(anchors.keys().next().value!);
    anchors.set(offset, anchor);
  }
}
