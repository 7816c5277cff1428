/** The Electron allow-list behind imports.start: only granted paths resolve. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../core/api-error.test-support';
import { GrantedPaths } from './granted-paths';

const base = process.platform === 'win32' ? 'C:\\Users\\ana' : '/home/ana';
const events = join(base, 'events.ndjson');

describe('GrantedPaths', () => {
  it('refuses every path until it is granted', () => {
    const granted = new GrantedPaths();
    const error = refusal(() => granted.resolve(events));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('"events.ndjson" was not chosen for import: choose it with Import events… or drop it on the window');
    granted.grant([events]);
    expect(granted.resolve(events)).toBe(events);
    expect(granted.has(events)).toBe(true);
    expect(granted.display(events)).toBe(events);
  });

  it('lets a feed watch only a folder chosen in the folder dialog', () => {
    const granted = new GrantedPaths();
    const drop = join(base, 'rum-drop');
    const error = refusal(() => granted.watchFolder(drop));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('"rum-drop" was not chosen: choose the folder to watch with Browse…');
    expect(refusal(() => granted.watchFolder('rum-drop')).code).toBe('forbidden');
    granted.grant([drop]);
    expect(granted.watchFolder(join(drop, '.'))).toBe(drop);
    expect(refusal(() => granted.watchFolder(base)).code).toBe('forbidden');
  });

  it('grants exactly the paths given, not their folders or siblings', () => {
    const granted = new GrantedPaths();
    granted.grant([events]);
    for (const other of [base, join(base, 'other.json'), join(base, 'events.ndjson', '..', '.ssh', 'id_rsa')]) {
      expect(refusal(() => granted.resolve(other)).code).toBe('forbidden');
    }
  });

  it('matches a granted path however it is spelled, and returns it normalized', () => {
    const granted = new GrantedPaths();
    granted.grant([join(base, 'x', '..', 'events.ndjson')]);
    expect(granted.resolve(`${base}/./events.ndjson`.replace(/\//g, process.platform === 'win32' ? '\\' : '/'))).toBe(events);
  });

  it('ignores case only where the file system does', () => {
    const linux = new GrantedPaths('linux');
    linux.grant(['/home/ana/Events.json']);
    expect(refusal(() => linux.resolve('/home/ana/events.json')).code).toBe('forbidden');
    const mac = new GrantedPaths('darwin');
    mac.grant(['/Users/ana/Events.json']);
    expect(mac.resolve('/users/ana/events.json')).toBe('/Users/ana/Events.json');
  });

  it('refuses relative names, empty names and non-strings, and never grants them', () => {
    const granted = new GrantedPaths();
    for (const bad of ['events.ndjson', '', './events.ndjson', 42 as unknown as string]) {
      expect(refusal(() => granted.resolve(bad)).code).toBe('forbidden');
    }
    for (const bad of [['relative.json'], [''], [`${events}\0.json`], ['/'.repeat(40_000)]]) {
      expect(refusal(() => granted.grant(bad)).code).toBe('invalid_input');
    }
    expect(refusal(() => granted.grant([events, 'relative.json'])).code).toBe('invalid_input');
    expect(granted.has(events)).toBe(false); // a batch with one bad path grants nothing
  });

  it('quotes only a short, escaped file name of what it refuses', () => {
    const granted = new GrantedPaths();
    const hostile = join(base, `${'A'.repeat(500)}"\n<script>`);
    const { message } = refusal(() => granted.resolve(hostile));
    expect(message).not.toContain('\n');
    expect(message).not.toContain(base);
    expect(message.length).toBeLessThan(200);
  });
});
