import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../common/types';
import { ApiError } from './dispatcher';
import { displaySummary, displayText, hostPaths, resolveAll } from './import-sources';
import type { ImportSources } from './types';

/** A policy like the browser host's: names `u1`, `u2` stand for files in a private folder. */
function uploads(): ImportSources & { released: string[][] } {
  const released: string[][] = [];
  return {
    released,
    resolve(name) {
      if (!/^u\d$/.test(name)) throw new ApiError('invalid_input', `${name} is not an upload`);
      return `/tmp/private/${name}/file-${name}.json`;
    },
    display: (path) => path.replace(/^\/tmp\/private\/u\d\//, ''),
    release: (paths) => released.push(paths),
  };
}

describe('import sources', () => {
  it('takes host paths as given by default', () => {
    expect(resolveAll(hostPaths, ['/a/b.json', 'rel.json'])).toEqual(['/a/b.json', 'rel.json']);
    expect(hostPaths.display('/a/b.json')).toBe('/a/b.json');
  });

  it('resolves every name or none, handing back those already resolved', () => {
    const sources = uploads();
    expect(resolveAll(sources, ['u1', 'u2'])).toEqual(['/tmp/private/u1/file-u1.json', '/tmp/private/u2/file-u2.json']);
    expect(() => resolveAll(sources, ['u1', '/etc/passwd'])).toThrow(ApiError);
    expect(sources.released).toEqual([['/tmp/private/u1/file-u1.json']]);
  });

  it('shows paths in messages and summaries as the policy displays them', () => {
    const sources = uploads();
    const paths = ['/tmp/private/u1/file-u1.json'];
    expect(displayText(sources, paths, 'failed to read /tmp/private/u1/file-u1.json: line 3')).toBe('failed to read file-u1.json: line 3');
    const summary = {
      files: [{ file: paths[0]!, bytes: 1, records: 1, imported: 0, skipped: 1, excluded: 0, status: 'failed', error: `${paths[0]} ends early` }],
      errors: [{ file: paths[0]!, line: 1, reason: 'not JSON' }],
    } as unknown as ImportSummary;
    expect(JSON.stringify(displaySummary(sources, paths, summary))).not.toContain('/tmp/private');
    expect(displaySummary(sources, paths, summary).files[0]).toMatchObject({ file: 'file-u1.json', error: 'file-u1.json ends early' });
  });
});
