import { describe, expect, it } from 'vitest';
import { cellText, typeLabel } from './PreviewTable';

describe('preview cells', () => {
  it('shows times from the connectors (ms since epoch) as UTC dates or ISO times', () => {
    expect(cellText({ type: 'time' }, Date.UTC(2025, 8, 1))).toBe('2025-09-01');
    expect(cellText({ type: 'time' }, Date.UTC(2025, 8, 1, 9, 30))).toBe('2025-09-01T09:30:00Z');
    expect(cellText({ type: 'time' }, '2025-09-01')).toBe('2025-09-01');
    expect(cellText({ type: 'number' }, 1250.5)).toBe('1250.5');
    expect(cellText({ type: 'boolean' }, false)).toBe('false');
  });

  it('names a CSV column’s type by what its values suggest', () => {
    expect(typeLabel({ name: 'ltv', label: 'ltv', sourceType: 'inferred', type: 'number' })).toBe('number (from its values)');
    expect(typeLabel({ name: 'LTV__c', label: 'LTV', sourceType: 'currency', type: 'number' })).toBe('currency');
  });
});
