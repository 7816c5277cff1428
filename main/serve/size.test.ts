import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from './size';

describe('parseSize', () => {
  it('reads decimal and binary units, any case, with or without a space', () => {
    expect(parseSize('20GB')).toBe(20e9);
    expect(parseSize('500 MB')).toBe(500e6);
    expect(parseSize('1.5gib')).toBe(1.5 * 2 ** 30);
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('10b')).toBe(10);
  });

  it('refuses what is not a positive size', () => {
    for (const bad of ['', 'GB', '-1GB', '0', '12 parsecs', '1e9', '5GBs', '99999999999TB']) expect(parseSize(bad), bad).toBeNull();
  });
});

describe('formatSize', () => {
  it('spells a size the way the flag takes it', () => {
    expect(formatSize(20e9)).toBe('20GB');
    expect(formatSize(1500e3)).toBe('1500KB');
    expect(formatSize(999)).toBe('999 bytes');
    expect(parseSize(formatSize(500e6))).toBe(500e6);
  });
});
