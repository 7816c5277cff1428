/**
 * Filtered blocks at any depth from memory: per sort key the order of every id (ascending; a
 * descending order is exactly its reverse, as compileSort breaks ties by id in the sort's own
 * direction and SQLite puts NULLs first ascending, last descending), per filter the set of
 * matching ids, and per (filter, sort key) the matches in that order, made by walking the order
 * and testing the set (~5 ms per million). A block is then a slice.
 *
 * Orders come from one SQL walk of the sort's index (0.3–1 s at a million, on a worker thread,
 * started by the first block of that sort); match sets from the filter's own query (its index
 * or the FTS index: 10–100 ms, started as soon as the filter is counted or paged).
 *
 * Memory at a million users: an order 4 MB (at most MAX_ORDERS: 64 MB), a match set 1 MB (one
 * byte per id up to the largest; at most MAX_MATCH_SETS: 8 MB), a filtered order 4 bytes per
 * match (at most MAX_LISTS: ≤ 16 MB).
 */
import type { Filter } from '../../../common/filter';
import { compileFilter, compileSort, type ProfileTable } from './compile';
import type { IdPriority, IdQueryRunner } from './id-query';

const MAX_ORDERS = 16;
const MAX_MATCH_SETS = 8;
const MAX_LISTS = 4;

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

export class SortedIds {
  private readonly orders = new Lru<Promise<Int32Array>>(MAX_ORDERS);
  private readonly matchSets = new Lru<Promise<Uint8Array>>(MAX_MATCH_SETS);
  private readonly lists = new Lru<Int32Array>(MAX_LISTS);
  /** Moves with clear(): a list made from builds of an older store is not kept. */
  private generation = 0;

  constructor(private readonly runner: IdQueryRunner) {}

  /** Forgets everything: the store changed. Builds under way finish for whoever awaits them. */
  clear(): void {
    this.generation++;
    this.orders.clear();
    this.matchSets.clear();
    this.lists.clear();
  }

  /** Starts what a later deep block would wait for, when that costs this thread nothing. */
  prefetch(t: ProfileTable, key: string | null, filter: Filter | null): void {
    if (!this.runner.concurrent) return;
    const ignore = (): void => {};
    if (key !== null) this.order(t, key, 'background').catch(ignore);
    if (filter !== null) this.matchSet(t, filter).catch(ignore);
  }

  /** The ids of the block at `offset` of the profiles matching `filter`, sorted by `key`. */
  async block(t: ProfileTable, filter: Filter | null, key: string, dir: 'asc' | 'desc', offset: number, limit: number): Promise<number[]> {
    const list = await this.list(t, filter, key);
    const n = list.length;
    const ids: number[] = [];
    for (let i = offset; i < offset + limit && i < n; i++) ids.push(list[dir === 'asc' ? i : n - 1 - i]!);
    return ids;
  }

  /** The matches of `filter` in ascending order of `key` (every id without a filter). */
  private async list(t: ProfileTable, filter: Filter | null, key: string): Promise<Int32Array> {
    const generation = this.generation;
    const [order, matches] = await Promise.all([this.order(t, key, 'now'), filter ? this.matchSet(t, filter) : null]);
    if (!matches) return order;
    const listKey = JSON.stringify([t.kind, filter, key]);
    let list = this.lists.get(listKey);
    if (!list) {
      list = inOrder(order, matches);
      if (generation === this.generation) this.lists.set(listKey, list);
    }
    return list;
  }

  private order(t: ProfileTable, key: string, priority: IdPriority): Promise<Int32Array> {
    const cacheKey = JSON.stringify([t.kind, key]);
    let order = this.orders.get(cacheKey);
    if (!order) {
      const sql = `SELECT id FROM ${t.table} ORDER BY ${compileSort(t, [{ key, dir: 'asc' }])}`;
      order = this.cached(this.orders, cacheKey, this.runner.ids({ sql, params: [] }, priority));
    }
    return order;
  }

  private matchSet(t: ProfileTable, filter: Filter): Promise<Uint8Array> {
    const cacheKey = JSON.stringify([t.kind, filter]);
    let set = this.matchSets.get(cacheKey);
    if (!set) {
      const where = compileFilter(t, filter);
      const ids = this.runner.ids({ sql: `SELECT id FROM ${t.table} WHERE ${where.sql}`, params: where.params }, 'now');
      set = this.cached(this.matchSets, cacheKey, ids.then(toMatchSet));
    }
    return set;
  }

  /** Caches a build under way; a failed one is forgotten, so the next request tries again. */
  private cached<V>(lru: Lru<Promise<V>>, key: string, build: Promise<V>): Promise<V> {
    lru.set(key, build);
    build.catch(() => lru.delete(key, build));
    return build;
  }
}

/** One byte per id up to the largest: 1 where the id matches. */
export function toMatchSet(ids: Int32Array): Uint8Array {
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  const set = new Uint8Array(max + 1);
  for (let i = 0; i < ids.length; i++) set[ids[i]!] = 1;
  return set;
}

/** The ids of `order` that are in `matches`, in the order's order. */
export function inOrder(order: Int32Array, matches: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < order.length; i++) if (matches[order[i]!] === 1) n++;
  const list = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < order.length; i++) if (matches[order[i]!] === 1) list[j++] = order[i]!;
  return list;
}
