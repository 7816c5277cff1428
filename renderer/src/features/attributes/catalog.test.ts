import { describe, expect, it } from 'vitest';
import { ACCOUNT_ATTRIBUTES, USER_ATTRIBUTES, type AttributeSpec } from '../../../../common/keys';
import { attributeSections, BUILT_IN_CATALOG, findSpec, mergeCatalog, mergeKind } from './catalog';
import { INITIAL_CATALOG_STATE, nextCatalogState } from './catalogState';
import { booleanValue, formatBoolean } from './values';

const ltv: AttributeSpec = { key: 'ltv', label: 'Lifetime value', type: 'number', group: 'custom', source: 'CRM' };
const tier: AttributeSpec = { key: 'tier', label: 'Tier', type: 'text', group: 'custom', source: 'CRM', lowCardinality: true };
const plan: AttributeSpec = { key: 'plan', label: 'Plan', type: 'text', group: 'custom', source: 'Billing' };

describe('mergeKind', () => {
  it('keeps every built-in attribute first, then the custom ones in the core order', () => {
    const merged = mergeKind(USER_ATTRIBUTES, [...USER_ATTRIBUTES, ltv, tier, plan]);
    expect(merged.slice(0, USER_ATTRIBUTES.length)).toEqual(USER_ATTRIBUTES);
    expect(merged.slice(USER_ATTRIBUTES.length).map((s) => s.key)).toEqual(['ltv', 'tier', 'plan']);
    expect(findSpec(merged, 'tier')).toEqual(tier);
  });

  it('falls back to the built-in specs the core left out', () => {
    const merged = mergeKind(USER_ATTRIBUTES, [ltv]);
    expect(merged.map((s) => s.key)).toEqual([...USER_ATTRIBUTES.map((s) => s.key), 'ltv']);
  });

  it('drops a custom attribute that reuses a built-in key or repeats one', () => {
    const clash: AttributeSpec = { key: 'user_email', label: 'Email (CRM)', type: 'text', group: 'custom', source: 'CRM' };
    const again: AttributeSpec = { ...ltv, label: 'LTV again', source: 'Other' };
    const merged = mergeKind(USER_ATTRIBUTES, [clash, ltv, again]);
    expect(merged.filter((s) => s.key === 'user_email')).toEqual([findSpec(USER_ATTRIBUTES, 'user_email')]);
    expect(merged.filter((s) => s.key === 'ltv')).toEqual([ltv]);
  });

  it('marks unknown keys custom, names a missing source and reads an unknown type as text', () => {
    const odd = { key: 'score', label: '', type: 'decimal', group: 'activity' } as unknown as AttributeSpec;
    expect(mergeKind([], [odd])).toEqual([{ key: 'score', label: 'score', type: 'text', group: 'custom', source: 'Custom' }]);
  });

  it('merges both kinds, each with its own built-ins', () => {
    const catalog = mergeCatalog({ user: [ltv], account: [plan] });
    expect(catalog.user.at(-1)).toEqual(ltv);
    expect(catalog.account.slice(0, ACCOUNT_ATTRIBUTES.length)).toEqual(ACCOUNT_ATTRIBUTES);
    expect(catalog.account.at(-1)).toEqual(plan);
    expect(mergeCatalog({})).toEqual(BUILT_IN_CATALOG);
  });
});

describe('catalog state', () => {
  it('uses the built-in lists until the core answers, and settles on a failure too', () => {
    expect(INITIAL_CATALOG_STATE).toMatchObject({ catalog: BUILT_IN_CATALOG, loaded: false, settled: false });
    const failed = nextCatalogState(INITIAL_CATALOG_STATE, { type: 'failed', error: new Error('unknown method') });
    expect(failed).toMatchObject({ catalog: BUILT_IN_CATALOG, loaded: false, settled: true });
    expect(failed.error?.message).toBe('unknown method');
  });

  it('keeps the last answer when a reload fails', () => {
    const loaded = nextCatalogState(INITIAL_CATALOG_STATE, { type: 'loaded', value: { user: [...USER_ATTRIBUTES, ltv], account: ACCOUNT_ATTRIBUTES } });
    expect(loaded).toMatchObject({ loaded: true, settled: true, error: null });
    const failed = nextCatalogState(loaded, { type: 'failed', error: new Error('offline') });
    expect(failed.catalog).toBe(loaded.catalog);
    expect(failed.loaded).toBe(true);
  });

  it('lets a removed source take its attributes away', () => {
    const withLtv = nextCatalogState(INITIAL_CATALOG_STATE, { type: 'loaded', value: { user: [ltv] } });
    const without = nextCatalogState(withLtv, { type: 'loaded', value: { user: [] } });
    expect(findSpec(without.catalog.user, 'ltv')).toBeUndefined();
  });
});

describe('attributeSections', () => {
  it('puts built-in groups in the order asked, then one section per source', () => {
    const specs = mergeKind(USER_ATTRIBUTES, [ltv, plan, tier]);
    const sections = attributeSections(specs, ['time', 'identity'], { identity: 'Identity', time: 'Time' });
    expect(sections.map((s) => s.label)).toEqual(['Time', 'Identity', 'CRM', 'Billing']);
    expect(sections[2]).toMatchObject({ id: 'custom:CRM', group: 'custom', source: 'CRM' });
    expect(sections[2]!.specs.map((s) => s.key)).toEqual(['ltv', 'tier']);
    expect(attributeSections(USER_ATTRIBUTES, ['identity'], {}).map((s) => s.id)).toEqual(['identity']);
  });
});

describe('boolean values', () => {
  it('reads every spelling the API uses', () => {
    expect([true, 'true', 'TRUE', '1', 1].map(booleanValue)).toEqual([true, true, true, true, true]);
    expect([false, 'false', '0', 0].map(booleanValue)).toEqual([false, false, false, false]);
    expect([null, undefined, '', 'maybe', 2].map(booleanValue)).toEqual([null, null, null, null, null]);
    expect(formatBoolean(true)).toBe('Yes');
    expect(formatBoolean('0')).toBe('No');
    expect(formatBoolean('maybe')).toBe('maybe');
  });
});
