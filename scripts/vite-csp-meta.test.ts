/** The meta tag carries the same CSP as the hosts' header. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP } from '../common/csp';
import { withCspMeta } from './vite-csp-meta';

const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
const metaContent = (page: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];

describe('CSP meta tag', () => {
  it('fills renderer/index.html with the hosts’ CSP, minus what a meta tag ignores', () => {
    const content = metaContent(withCspMeta(html, CSP))!;
    expect(content.split('; ')).toEqual(CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')));
    expect(content).toContain("object-src 'none'");
    expect(withCspMeta(html, CSP).match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('escapes the attribute and refuses a page without the tag', () => {
    expect(metaContent(withCspMeta('<meta http-equiv="Content-Security-Policy" content="x">', 'a "b" & c'))).toBe('a &quot;b&quot; &amp; c');
    expect(() => withCspMeta('<html></html>', CSP)).toThrow(/no Content-Security-Policy meta tag/);
  });
});
