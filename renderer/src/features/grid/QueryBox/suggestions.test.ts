import { describe, expect, it } from 'vitest';
import { USER_ATTRIBUTES, type AttributeSpec } from '../../../../../common/keys';
import { booleanSuggestions, keySuggestions } from './useSuggestions';

const WITH_CUSTOM: AttributeSpec[] = [
  ...USER_ATTRIBUTES,
  { key: 'ltv', label: 'Lifetime value', type: 'number', group: 'custom', source: 'CRM' },
  { key: 'last_order', label: 'Last order', type: 'time', group: 'custom', source: 'Shop' },
];

describe('key suggestions', () => {
  it('complete custom keys, naming their source', () => {
    expect(keySuggestions(WITH_CUSTOM, 'lt')[0]).toEqual({ value: 'ltv', label: 'ltv:', detail: 'Lifetime value · CRM' });
    expect(keySuggestions(WITH_CUSTOM, 'last_o').map((s) => s.value)).toContain('last_order');
    expect(keySuggestions(USER_ATTRIBUTES, 'lt').map((s) => s.value)).not.toContain('ltv');
  });
});

describe('boolean suggestions', () => {
  it('offer true and false as the language writes them', () => {
    expect(booleanSuggestions('')).toEqual([
      { value: 'true', label: 'true', detail: 'Yes' },
      { value: 'false', label: 'false', detail: 'No' },
    ]);
    expect(booleanSuggestions('f').map((s) => s.value)).toEqual(['false']);
  });
});
