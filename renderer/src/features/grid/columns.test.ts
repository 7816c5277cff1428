import type { ValueFormatterParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { USER_ATTRIBUTES, type AttributeSpec, type ProfileRow } from '../../../../common/keys';
import { columnDefs, startWidth } from './columns';
import { NumberFilter, SetFilter, TextFilter, TimeFilter } from './filters';

const custom = (key: string, type: AttributeSpec['type'], lowCardinality?: boolean): AttributeSpec => ({
  key,
  label: key.toUpperCase(),
  type,
  group: 'custom',
  source: 'CRM',
  ...(lowCardinality ? { lowCardinality } : {}),
});
const SPECS = [...USER_ATTRIBUTES, custom('ltv', 'number'), custom('vip', 'boolean'), custom('signed_up', 'time'), custom('tier', 'text', true), custom('note', 'text')];

const layout = (keys: string[]) => ({ version: 1 as const, columns: keys.map((key) => ({ key, pinned: null })) });
const format = (def: ReturnType<typeof columnDefs>[number], value: unknown): string =>
  (def.valueFormatter as (p: Partial<ValueFormatterParams<ProfileRow>>) => string)({ data: {}, value });

describe('custom attribute columns', () => {
  it('filter each type as the built-in columns of that type do, booleans by Yes/No', () => {
    const defs = columnDefs('user', layout(['ltv', 'vip', 'signed_up', 'tier', 'note']), SPECS);
    expect(defs.map((d) => d.filter)).toEqual([NumberFilter, SetFilter, TimeFilter, SetFilter, TextFilter]);
    expect(defs[0]!.type).toBe('rightAligned');
    expect(defs[1]!.headerTooltip).toBe('VIP (vip) · from CRM');
  });

  it('show booleans as Yes/No and absent values as a dash', () => {
    const [vip] = columnDefs('user', layout(['vip']), SPECS);
    expect([true, false, null].map((v) => format(vip!, v))).toEqual(['Yes', 'No', '—']);
  });

  it('leave out a column whose attribute is gone', () => {
    expect(columnDefs('user', layout(['user_id', 'gone', 'ltv']), SPECS).map((d) => d.colId)).toEqual(['user_id', 'ltv']);
    expect(columnDefs('user', layout(['user_id', 'ltv']), USER_ATTRIBUTES).map((d) => d.colId)).toEqual(['user_id']);
  });

  it('start wide enough for a long label, and never narrower than their type', () => {
    const long = { ...custom('ltv', 'number'), label: 'Lifetime Value (USD)' };
    expect(startWidth(long)).toBeGreaterThanOrEqual(20 * 7.5 + 48);
    expect(startWidth(custom('x', 'time'))).toBe(startWidth({ ...USER_ATTRIBUTES.find((a) => a.key === 'first_seen')!, key: 'other' }));
    const [def] = columnDefs('user', layout(['ltv']), [...USER_ATTRIBUTES, long]);
    expect(def!.minWidth).toBe(startWidth(long));
  });
});
