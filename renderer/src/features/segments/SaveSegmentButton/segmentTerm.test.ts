import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../../common/query';
import { segmentTerm } from './SaveSegmentButton';

describe('segmentTerm', () => {
  it('writes segment:NAME that the query language reads back as that name', () => {
    for (const name of ['Paris', 'Paris users', 'a "quoted" name', 'back\\slash', 'é-t@é.1']) {
      const tree = parseQuery(segmentTerm(name)) as unknown as { key: string; value: { value: string } };
      expect(tree.key, name).toBe('segment');
      expect(tree.value.value, name).toBe(name);
    }
    expect(segmentTerm('Paris')).toBe('segment:Paris');
  });
});
