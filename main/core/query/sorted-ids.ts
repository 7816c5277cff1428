/**
 * Filtered blocks at any depth from memory: per sort key the order of every id (ascending; a
 * descending order is exactly its reverse, as compileSort breaks ties by id in the sort's own
 * direction and SQLite puts NULLs first ascending, last descending), per filter the set of
 * matching ids (match-sets.ts), and per (filter, sort key) the matches in that order, made by
 * walking the order and testing the set (~5 ms per million). A block is then a slice.
 *
 * Orders come from one SQL walk of the sort's index (0.3–1 s at a million, on a worker thread,
 * read ahead from the first block of that sort); match sets from each part of the filter
 * through its own index (10–100 ms, read ahead as soon as the filter is counted or paged).
 *
 * Memory at a million users: an order 4 MB (at most MAX_ORDERS: 64 MB), a match set 1 MB (one
 * byte per id up to the largest; at most MAX_MATCH_SETS: 32 MB), a filtered order 4 bytes per
 * match (at most MAX_LISTS: ≤ 16 MB).
 */
import type { Filter } from '../../../common/filter';
import { column, compileFilter, compileSort, ftsQuery, specOf, type ProfileTable, type Sql } from './compile';
import type { IdLane, IdQueryRunner } from './id-query';
import { ALL, blockInOrder, complement, inOrder, intersect, toMatchSet, unite, type MatchSet } from './match-sets';

const MAX_ORDERS = 16;
const MAX_MATCH_SETS = 32;
const MAX_LISTS = 4;
/** Blocks ending this near either end of the order are walked from it rather than listed. */
const NEAR_END = 1_000;

/** Something being read or composed, and a way to say a block now waits for it. */
interface Pending<V> {
  done: Promise<V>;
  urge(): void;
}

/** A map that forgets its least recently used entry beyond `limit`. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string, v: V): void {
    if (this.map.get(key) === v) this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/** The sets of `parts` combined by `combine` once all are read; urging it urges every part. */
function combined(parts: Array<Pending<MatchSet>>, combine: (sets: MatchSet[]) => MatchSet): Pending<MatchSet> {
  return { done: Promise.all(parts.map((p) => p.done)).then(combine), urge: () => parts.forEach((p) => p.urge()) };
}

export class SortedIds {
  private readonly orders = new Lru<Pending<Int32Array>>(MAX_ORDERS);
  private readonly matchSets = new Lru<Pending<MatchSet>>(MAX_MATCH_SETS);
  private readonly lists = new Lru<Int32Array>(MAX_LISTS);
  /** The orders and match sets read by now, so a block can tell whether it would wait. */
  private readonly ready = new WeakSet<Pending<unknown>>();
  /** Moves with clear(): a list made from reads of an older store is not kept. */
  private generation = 0;

  constructor(
    private readonly runner: IdQueryRunner,
    /**
     * A value of `key` near the middle of its order (null when a scan isn't worth splitting):
     * rows below it and rows from it on are read on both id workers at once.
     */
    private readonly pivot: (t: ProfileTable, key: string) => string | number | null = () => null,
  ) {}

  /** Forgets everything: the store changed. Reads under way finish for whoever awaits them. */
  clear(): void {
    this.generation++;
    this.orders.clear();
    this.matchSets.clear();
    this.lists.clear();
  }

  /** Reads ahead what a later deep block would wait for, when that costs this thread nothing. */
  readAhead(t: ProfileTable, key: string | null, filter: Filter | null): void {
    if (!this.runner.concurrent) return;
    if (key !== null) this.order(t, key, false);
    if (filter !== null) this.matchSet(t, filter, false);
  }

  /** True when the order of `key` is in memory: a block from it waits for nothing but its filter's matches. */
  hasOrder(t: ProfileTable, key: string): boolean {
    const cached = this.orders.get(JSON.stringify([t.kind, key]));
    return cached !== undefined && this.ready.has(cached);
  }

  /** True when the match set of `filter` is in memory. */
  hasMatches(t: ProfileTable, filter: Filter): boolean {
    const set = this.matchSets.get(JSON.stringify([t.kind, filter]));
    return set !== undefined && this.ready.has(set);
  }

  /** True when the match set of `filter` is in memory too: a block from memory waits for nothing. */
  hasAll(t: ProfileTable, key: string, filter: Filter): boolean {
    return this.hasOrder(t, key) && this.hasMatches(t, filter);
  }

  /** The match set of `filter`, read now (or awaited, when read ahead). */
  matches(t: ProfileTable, filter: Filter): Promise<MatchSet> {
    return this.matchSet(t, filter, true).done;
  }

  /** The ids of the block at `offset` of the profiles matching `filter`, sorted by `key`. */
  async block(t: ProfileTable, filter: Filter | null, key: string, dir: 'asc' | 'desc', offset: number, limit: number): Promise<number[]> {
    // A block near either end, before the filtered list is made: walked from that end of the
    // order (the first block after a filter change: ~0.1 ms instead of ~10 ms for the list).
    const listKey = JSON.stringify([t.kind, filter, key]);
    if (filter && offset + limit <= NEAR_END && !this.lists.get(listKey)) {
      const [order, matches] = await Promise.all([this.order(t, key, true).done, this.matchSet(t, filter, true).done]);
      return blockInOrder(order, matches, dir, offset, limit);
    }
    const list = await this.list(t, filter, key);
    const n = list.length;
    const ids: number[] = [];
    for (let i = offset; i < offset + limit && i < n; i++) ids.push(list[dir === 'asc' ? i : n - 1 - i]!);
    return ids;
  }

  /** The matches of `filter` in ascending order of `key` (every id without a filter). */
  private async list(t: ProfileTable, filter: Filter | null, key: string): Promise<Int32Array> {
    const generation = this.generation;
    const listKey = JSON.stringify([t.kind, filter, key]);
    const cached = this.lists.get(listKey);
    if (cached) return cached;
    const [order, matches] = await Promise.all([
      this.order(t, key, true).done,
      filter ? this.matchSet(t, filter, true).done : null,
    ]);
    if (!matches) return order;
    const list = inOrder(order, matches);
    if (generation === this.generation) this.lists.set(listKey, list);
    return list;
  }

  private order(t: ProfileTable, key: string, urgent: boolean): Pending<Int32Array> {
    const cacheKey = JSON.stringify([t.kind, key]);
    const cached = this.cached(this.orders, cacheKey, urgent);
    if (cached) return cached;
    const sql = `SELECT id FROM ${t.table} ORDER BY ${compileSort(t, [{ key, dir: 'asc' }])}`;
    return this.cache(this.orders, cacheKey, this.runner.ids({ sql, params: [] }, 'order', urgent));
  }

  private matchSet(t: ProfileTable, filter: Filter, urgent: boolean): Pending<MatchSet> {
    const cacheKey = JSON.stringify([t.kind, filter]);
    return this.cached(this.matchSets, cacheKey, urgent) ?? this.cache(this.matchSets, cacheKey, this.compose(t, filter, urgent));
  }

  /** A read already asked for, moved ahead in its worker's queue when a block now waits for it. */
  private cached<V>(lru: Lru<Pending<V>>, key: string, urgent: boolean): Pending<V> | undefined {
    const pending = lru.get(key);
    if (pending && urgent) pending.urge();
    return pending;
  }

  private compose(t: ProfileTable, filter: Filter, urgent: boolean): Pending<MatchSet> {
    if ((filter.op === 'and' || filter.op === 'or') && filter.items.length > 0) {
      const parts = filter.items.map((f) => this.matchSet(t, f, urgent));
      return combined(parts, filter.op === 'and' ? intersect : unite);
    }
    if (filter.op === 'not') {
      const part = this.matchSet(t, filter.item, urgent);
      return { done: part.done.then(complement), urge: () => part.urge() };
    }
    let query: Sql;
    if (filter.op === 'text') {
      // The FTS index's own rowids (the profile ids): looking each up in the table first costs
      // ~150 ms per 20k matches at a million users. An id without a profile is in no order.
      const match = ftsQuery(filter.text, filter.phrase ?? false);
      if (match === null) return { done: Promise.resolve(ALL), urge: () => {} };
      query = { sql: `SELECT rowid AS id FROM ${t.fts} WHERE ${t.fts} MATCH ?`, params: [match] };
    } else {
      const where = compileFilter(t, filter);
      const halves = this.halves(t, filter, where, urgent);
      if (halves) return halves;
      query = { sql: `SELECT id FROM ${t.table} WHERE ${where.sql}`, params: where.params };
    }
    return this.read(query, 'match', urgent);
  }

  /** The match set of the ids `query` yields, read in `lane`. */
  private read(query: Sql, lane: IdLane, urgent: boolean): Pending<MatchSet> {
    const task = this.runner.ids(query, lane, urgent);
    return { done: task.done.then(toMatchSet), urge: () => task.urge() };
  }

  /**
   * A wildcard tests every row (its LIKE has no index to seek: ~150 ms at a million users on one
   * thread), so both id workers take half of its attribute's index each, split at a pivot value,
   * when the order lane is free. A row without the value is in neither half, and matches no LIKE.
   */
  private halves(t: ProfileTable, filter: Filter, where: Sql, urgent: boolean): Pending<MatchSet> | null {
    if ((filter.op !== 'like' && filter.op !== 'contains') || t.custom.has(filter.key)) return null;
    if (!this.runner.concurrent || !(this.runner.idle?.('order') ?? true)) return null;
    const pivot = this.pivot(t, filter.key);
    if (pivot === null) return null;
    const col = column(t, specOf(t, filter.key));
    const half = (cmp: string, lane: IdLane) =>
      this.read({ sql: `SELECT id FROM ${t.table} WHERE ${col} ${cmp} ? AND ${where.sql}`, params: [pivot, ...where.params] }, lane, urgent);
    return combined([half('<', 'match'), half('>=', 'order')], unite);
  }

  /** Caches a read under way; a failed one is forgotten, so the next request reads again. */
  private cache<V>(lru: Lru<Pending<V>>, key: string, pending: Pending<V>): Pending<V> {
    lru.set(key, pending);
    pending.done.then(() => this.ready.add(pending), () => lru.delete(key, pending));
    return pending;
  }
}
