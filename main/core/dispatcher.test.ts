import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../common/contract';
import { ApiError, createDispatcher } from './dispatcher';

const handlers = new Proxy({} as Handlers, {
  get: (_t, method) => (input: unknown) => {
    if (method === 'users.get') throw new ApiError('not_found', 'No user');
    if (method === 'store.info') throw new Error('disk on fire');
    return { method, input };
  },
});

describe('dispatcher', () => {
  const dispatch = createDispatcher(handlers);

  it('rejects unknown methods', async () => {
    expect(await dispatch('users.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('rejects invalid input, naming the field', async () => {
    const r = await dispatch('users.page', { offset: -1, limit: 100 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/offset/);
    const bad = await dispatch('users.count', { filter: { op: 'drop table' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('passes validated input with defaults to the handler', async () => {
    const r = await dispatch('users.page', { offset: 0, limit: 10 });
    expect(r).toEqual({ ok: true, value: { method: 'users.page', input: { offset: 0, limit: 10, sort: [], filter: null } } });
  });

  it('turns handler errors into data: expected ones keep their code, others become internal', async () => {
    expect(await dispatch('users.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No user' } });
    expect(await dispatch('store.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
