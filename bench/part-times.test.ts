import { describe, expect, it } from 'vitest';
import { formatPartTimes, partTimes, SCALE_MAX_SECONDS, scaleImportLimit } from './part-times';

describe('partTimes', () => {
  it('times each part, also one that fails', async () => {
    let clock = 0;
    const times = partTimes(() => clock);
    await times.run('a', async () => {
      clock += 90_000;
    });
    await expect(times.run('b', async () => {
      clock += 30_000;
      throw new Error('boom');
    })).rejects.toThrow('boom');
    clock += 60_000;
    expect(times.parts).toEqual([{ name: 'a', seconds: 90 }, { name: 'b', seconds: 30 }]);
    expect(times.totalSeconds()).toBe(180);
  });
});

describe('formatPartTimes', () => {
  const parts = [{ name: 'import, 1M events, 50k users', seconds: 60 }, { name: 'import, 10M events, 1M users', seconds: 300 }];

  it('judges a full run against the 15-minute limit and lists the parts', () => {
    const text = formatPartTimes(parts, 12 * 60, { cores: 2, node: 'v22.0.0', fullRun: true });
    expect(text).toContain('(bench took 12.0 min on 2 cores, Node v22.0.0; 0.80× of the 15 min limit: OK)');
    // 12 min total, 6 min in the listed parts: the rest is generation and setup.
    expect(text).toContain('(parts: import, 1M events, 50k users 1.0 min, import, 10M events, 1M users 5.0 min, other (data generation, setup) 6.0 min)');
    expect(formatPartTimes(parts, 16 * 60, { cores: 2, node: 'v22', fullRun: true })).toContain('1.07× of the 15 min limit: OVER');
  });

  it('does not judge a partial run', () => {
    const text = formatPartTimes(parts, 6.1 * 60, { cores: 2, node: 'v22', fullRun: false });
    expect(text).toContain('a partial run; the 15 min limit is for the full run');
    expect(text).not.toContain('other');
  });
});

describe('scaleImportLimit', () => {
  it('gives the 10M import what is left of the 15 minutes, less the reserve for DuckDB and the comparison', () => {
    // 15 min − 8 min elapsed − 90 s reserve = 330 s.
    expect(scaleImportLimit({ elapsedSeconds: 8 * 60, floorSeconds: 70 })).toBe(330);
  });

  it('allows at least twice the floor, so the verdict against the floor can be given', () => {
    expect(scaleImportLimit({ elapsedSeconds: 14 * 60, floorSeconds: 70 })).toBe(140);
    expect(scaleImportLimit({ elapsedSeconds: 14 * 60, floorSeconds: null })).toBe(120);
  });

  it('never allows more than SCALE_MAX_SECONDS', () => {
    expect(scaleImportLimit({ elapsedSeconds: 10, floorSeconds: 5 })).toBe(SCALE_MAX_SECONDS);
  });
});
