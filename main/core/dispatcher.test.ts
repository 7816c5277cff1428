import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../common/contract';
import { FILTER_LIMITS, type Filter } from '../../common/filter';
import { ApiError, createDispatcher } from './dispatcher';

const handlers = new Proxy({} as Handlers, {
  get: (_t, method) => (input: unknown) => {
    if (method === 'users.get') throw new ApiError('not_found', 'No user');
    if (method === 'store.info') throw new Error('disk on fire');
    return { method, input };
  },
});

const logged: string[] = [];

describe('dispatcher', () => {
  const dispatch = createDispatcher(handlers, { log: (line) => logged.push(line) });

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
    logged.length = 0;
    const internal = await dispatch('store.info', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal', message: 'store.info failed: disk on fire' } });
    expect(!internal.ok && internal.error.message).not.toMatch(/at /); // no stack for the caller
    // Logged once, with method and stack, for whichever host called.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/internal error in store\.info: Error: disk on fire\n\s+at /);
  });
});

const eq = (i: number): Filter => ({ op: 'eq', key: 'name', value: `v${i}` });
const nested = (levels: number): Filter => {
  let f: Filter = eq(0);
  for (let i = 1; i < levels; i++) f = { op: 'not', item: f };
  return f;
};
/** Nested JSON built as text: building it as objects and stringifying would recurse. */
const deepJson = (levels: number): unknown =>
  JSON.parse(`{"filter":${'{"op":"not","item":'.repeat(levels)}{"op":"exists","key":"name"}${'}'.repeat(levels)}}`);

describe('dispatcher: filter limits', () => {
  const dispatch = createDispatcher(handlers, { log: (line) => logged.push(line) });
  const count = async (input: unknown): Promise<{ code: string; message: string } | 'ok'> => {
    const r = await dispatch('users.count', input);
    return r.ok ? 'ok' : r.error;
  };

  it('takes filters up to every limit', async () => {
    expect(await count({ filter: nested(FILTER_LIMITS.depth) })).toBe('ok');
    const wide: Filter = { op: 'or', items: Array.from({ length: FILTER_LIMITS.nodes - 1 }, (_, i) => eq(i)) };
    expect(await count({ filter: wide })).toBe('ok');
    const values = Array.from({ length: FILTER_LIMITS.inValues }, (_, i) => i);
    expect(await count({ filter: { op: 'in', key: 'name', values } })).toBe('ok');
  });

  it('refuses a filter nested one level too deep', async () => {
    expect(await count({ filter: nested(FILTER_LIMITS.depth + 1) })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/filter.*more than 32 levels/),
    });
  });

  it('refuses a 100,000-level filter before the schema recurses into it', async () => {
    logged.length = 0;
    expect(await count(deepJson(100_000))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Invalid input for users\.count: filter: nested more than \d+ levels deep$/),
    });
    expect(logged).toEqual([]);
  });

  it('refuses more nodes than the limit', async () => {
    const items = Array.from({ length: FILTER_LIMITS.nodes }, (_, i) => eq(i));
    expect(await count({ filter: { op: 'and', items } })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/more than 1000 conditions/) });
  });

  it('refuses too many values in one "in"', async () => {
    const values = Array.from({ length: FILTER_LIMITS.inValues + 1 }, (_, i) => `u${i}`);
    expect(await count({ filter: { op: 'in', key: 'name', values } })).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses more bound parameters in all than SQLite takes', async () => {
    const values = Array.from({ length: FILTER_LIMITS.inValues }, (_, i) => i);
    const inList: Filter = { op: 'in', key: 'name', values };
    // Each "in" is within its own limit; four of them bind 40,000 parameters.
    const filter: Filter = { op: 'or', items: [inList, inList, inList, inList] };
    expect(await count({ filter })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/more than 32000 values in all/) });
    expect(FILTER_LIMITS.params).toBeLessThanOrEqual(32_766);
  });

  it('turns a validator failure into an internal error, not a rejection', async () => {
    logged.length = 0;
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(await dispatch('users.count', hostile)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
  });
});
