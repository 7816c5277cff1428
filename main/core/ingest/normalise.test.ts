import { describe, expect, it } from 'vitest';
import { normalise, parseTime, text, urlPath } from './normalise';

const base = { date: 1_740_830_400_000, session: { id: 's', type: 'user' } };

describe('normalise', () => {
  it('reads the time from date (ms or ISO), else the API item timestamp', () => {
    expect(parseTime(1_740_830_400_000)).toBe(1_740_830_400_000);
    expect(parseTime('2025-03-01T12:00:00.000Z')).toBe(Date.UTC(2025, 2, 1, 12));
    expect(parseTime(1_740_830_400)).toBeNull(); // seconds, not ms
    expect(parseTime('yesterday')).toBeNull();
    const item = { id: 'i', type: 'rum', attributes: { timestamp: '2025-03-01T12:00:00.000Z', attributes: { usr: { id: 7 } } } };
    const n = normalise(item);
    expect(n.kind === 'event' && [n.event.time, n.event.userId]).toEqual([Date.UTC(2025, 2, 1, 12), '7']);
  });

  it('rejects non-objects and records without a usable time, with the reason', () => {
    expect(normalise([1])).toEqual({ kind: 'skipped', reason: 'not an object' });
    expect(normalise('x')).toEqual({ kind: 'skipped', reason: 'not an object' });
    expect(normalise({ type: 'view' })).toEqual({ kind: 'skipped', reason: 'no usable time' });
  });

  it('excludes synthetics and ci_test sessions only', () => {
    expect(normalise({ ...base, session: { type: 'synthetics' } }).kind).toBe('excluded');
    expect(normalise({ ...base, session: { type: 'ci_test' } }).kind).toBe('excluded');
    expect(normalise(base).kind).toBe('event');
  });

  it('turns ids into trimmed strings and empty values into absent ones', () => {
    expect(text(1586212)).toBe('1586212');
    expect(text('  a ')).toBe('a');
    expect(text('   ')).toBeNull();
    expect(text(true)).toBeNull();
    expect(text(Number.NaN)).toBeNull();
  });

  it('upper-cases countries, lower-cases device types, and reads actions only from action events', () => {
    const n = normalise({
      ...base,
      type: 'resource',
      geo: { country_iso_code: 'fr' },
      device: { type: 'Desktop' },
      action: { id: 'a1', target: { name: 'Save' } },
    });
    if (n.kind !== 'event') throw new Error('expected an event');
    expect(n.event.attrs).toContain('FR');
    expect(n.event.attrs).toContain('desktop');
    expect(n.event.actionId).toBeNull();
    const a = normalise({ ...base, type: 'action', action: { id: 'a1', name: 'derived', target: { name: 'Save' } } });
    expect(a.kind === 'event' && [a.event.actionId, a.event.actionName]).toEqual(['a1', 'Save']);
  });

  it('takes the page from view.url_path, else the path of view.url', () => {
    expect(urlPath('https://a.com/x/y?q=1#h')).toBe('/x/y');
    expect(urlPath('https://a.com')).toBe('/');
    expect(urlPath('https://a.com#frag')).toBe('/');
    const n = normalise({ ...base, view: { id: 'v', url_path: '/p', url: 'https://a.com/other' } });
    expect(n.kind === 'event' && n.event.viewPath).toBe('/p');
  });
});
