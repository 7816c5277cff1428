import { describe, expect, it } from 'vitest';
import { countryName, formatCountry, formatRelative } from './format';

describe('format', () => {
  it('names countries and keeps the code', () => {
    expect(formatCountry('fr')).toBe('France (FR)');
    expect(formatCountry(null)).toBe('—');
    expect(formatCountry('QQ')).toBe('QQ');
    expect(countryName('de')).toBe('Germany');
  });

  it('says relative ages', () => {
    const now = Date.parse('2025-01-10T00:00:00Z');
    expect(formatRelative('2025-01-07T00:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative(null, now)).toBe('');
  });
});
