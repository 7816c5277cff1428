import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IGetRowsParams } from 'ag-grid-community';
import { setTransport, type Transport } from '../../api';
import { createProfileDatasource } from './datasource';
import { gridSelection, type FilterModelMap } from './filterModel';

function fakeTransport(total: number) {
  const calls: Array<{ method: string; input: Record<string, unknown> }> = [];
  const transport: Transport = {
    kind: 'http',
    async invoke(method, input) {
      calls.push({ method, input: input as Record<string, unknown> });
      if (method === 'users.count') return { ok: true, value: { count: total } };
      const { offset, limit } = input as { offset: number; limit: number };
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ user_id: `u${offset + i}` }));
      return { ok: true, value: { rows } };
    },
    subscribe: () => () => {},
    onReconnect: () => () => {},
    stageFile: async () => 'x',
  };
  return { transport, calls };
}

function params(startRow: number, endRow: number, extra: Partial<IGetRowsParams> = {}) {
  const successCallback = vi.fn();
  const failCallback = vi.fn();
  return {
    startRow,
    endRow,
    sortModel: [],
    filterModel: {},
    successCallback,
    failCallback,
    context: undefined,
    ...extra,
  } as unknown as IGetRowsParams & { successCallback: ReturnType<typeof vi.fn> };
}

describe('profile datasource', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks one page per block with sort and filter, and passes the exact count as last row', async () => {
    const { transport, calls } = fakeTransport(250);
    setTransport(transport);
    const onCount = vi.fn();
    const ds = createProfileDatasource({
      kind: 'user',
      selectionFor: (fm) => gridSelection('ali', fm as FilterModelMap),
      onCount,
      onError: () => {},
    });
    const p = params(100, 200, {
      sortModel: [{ colId: 'last_seen', sort: 'desc' }],
      filterModel: { last_country_code: { kind: 'set', values: ['FR'] } },
    });
    ds.getRows(p);
    await vi.waitFor(() => expect(p.successCallback).toHaveBeenCalled());
    const page = calls.find((c) => c.method === 'users.page')!;
    expect(page.input).toEqual({
      offset: 100,
      limit: 100,
      sort: [{ key: 'last_seen', dir: 'desc' }],
      query: 'ali',
      filter: { op: 'eq', key: 'last_country_code', value: 'FR' },
    });
    expect(calls.find((c) => c.method === 'users.count')!.input).toEqual({ query: 'ali', filter: page.input.filter });
    expect(p.successCallback.mock.calls[0]![1]).toBe(250);
    expect(onCount).toHaveBeenCalledWith(250, { query: 'ali', filter: page.input.filter });
  });

  it('counts once per filter until invalidated', async () => {
    const { transport, calls } = fakeTransport(1000);
    setTransport(transport);
    const ds = createProfileDatasource({ kind: 'user', selectionFor: () => ({ filter: null }), onCount: () => {}, onError: () => {} });
    for (const start of [0, 100, 200]) {
      const p = params(start, start + 100);
      ds.getRows(p);
      await vi.waitFor(() => expect(p.successCallback).toHaveBeenCalled());
    }
    expect(calls.filter((c) => c.method === 'users.count')).toHaveLength(1);
    ds.invalidate();
    const p = params(0, 100);
    ds.getRows(p);
    await vi.waitFor(() => expect(p.successCallback).toHaveBeenCalled());
    expect(calls.filter((c) => c.method === 'users.count')).toHaveLength(2);
  });

  it('ends the rows at a short last block', async () => {
    const { transport } = fakeTransport(130);
    setTransport(transport);
    const ds = createProfileDatasource({ kind: 'user', selectionFor: () => ({ filter: null }), onCount: () => {}, onError: () => {} });
    const p = params(100, 200);
    ds.getRows(p);
    await vi.waitFor(() => expect(p.successCallback).toHaveBeenCalled());
    expect(p.successCallback.mock.calls[0]![0]).toHaveLength(30);
    expect(p.successCallback.mock.calls[0]![1]).toBe(130);
  });

  it('shows a block without waiting for a slow count, and reports the count when it comes', async () => {
    const { transport } = fakeTransport(250);
    let releaseCount: () => void = () => {};
    const countGate = new Promise<void>((r) => (releaseCount = r));
    setTransport({
      ...transport,
      async invoke(method, input) {
        if (method === 'users.count') await countGate;
        return transport.invoke(method, input);
      },
    });
    const onCount = vi.fn();
    const ds = createProfileDatasource({ kind: 'user', selectionFor: () => ({ filter: null }), onCount, onError: () => {} });
    const p = params(0, 100);
    ds.getRows(p);
    await vi.waitFor(() => expect(p.successCallback).toHaveBeenCalled());
    expect(p.successCallback.mock.calls[0]![1]).toBeUndefined();
    expect(onCount).not.toHaveBeenCalled();
    releaseCount();
    await vi.waitFor(() => expect(onCount).toHaveBeenCalledWith(250, { filter: null }));
  });
});
