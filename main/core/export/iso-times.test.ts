import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../sample/prng';
import { IsoTimes } from './iso-times';

describe('IsoTimes', () => {
  const iso = new IsoTimes();
  const same = (ms: number): void => expect(iso.format(ms), String(ms)).toBe(new Date(ms).toISOString());

  it('writes what toISOString writes across years 0–9999, before 1970 and at the edges of days', () => {
    const random = mulberry32(11);
    for (let i = 0; i < 20_000; i++) same(Math.round((random() * 2 - 1) * 8.64e12 * 1.5)); // ±410 years around 1970
    for (let i = 0; i < 5_000; i++) same(-62_167_219_200_000 + Math.floor(random() * 315_569_520_000_000)); // any year 0–9999
    for (const ms of [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, 1_700_000_000_123]) same(ms);
    for (const ms of [-62_167_219_200_000, 253_402_300_799_999]) same(ms); // the first and last millisecond written with four digits
  });

  it('truncates fractional milliseconds toward zero, as a Date does', () => {
    for (const ms of [1.5, 1.999, -1.5, -0.5, 1_700_000_000_123.9]) same(ms);
  });

  it('leaves six-digit years and values that are no time to toISOString, errors included', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15]) same(ms);
    expect(() => iso.format(Number.NaN)).toThrow(RangeError);
    expect(() => iso.format(8.64e15 + 1)).toThrow(RangeError);
  });

  it('stays right when the day cache starts again', () => {
    for (let day = 0; day < 5_000; day++) same(day * 86_400_000 + 45_296_789);
  });
});
