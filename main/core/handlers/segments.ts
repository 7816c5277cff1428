/**
 * `segments.*`: saved queries and static lists. Writes wait for the store's write lock without
 * blocking the host thread (an import may hold it for a whole file); each change is announced
 * with `segments.changed`, and cached counts are dropped (a list's members may have changed).
 */
import type { Handlers } from '../../../common/contract';
import type { SegmentInfo } from '../../../common/types';
import { ApiError } from '../dispatcher';
import { resolveAll } from '../import-sources';
import { entityKind, type SegmentRecord } from '../segments/segments';
import { matchIdList } from '../segments/static-list';
import { writeWhenFree } from '../store/write-lock';
import type { HandlerContext } from './context';

export function segmentHandlers(ctx: HandlerContext): Pick<Handlers, `segments.${'list' | 'save' | 'import' | 'rename' | 'duplicate' | 'delete'}`> {
  const { db, segments, selection, blocks, events, sources } = ctx;

  const info = (s: SegmentRecord): SegmentInfo => {
    const base = {
      name: s.name,
      entity: s.entity,
      kind: s.query === null ? ('list' as const) : ('query' as const),
      query: s.query,
      createdAt: new Date(s.createdAt).toISOString(),
      updatedAt: new Date(s.updatedAt).toISOString(),
    };
    try {
      return { ...base, count: blocks.count(entityKind(s.entity), selection.resolve(entityKind(s.entity), { segment: s.name })) };
    } catch (err) {
      if (err instanceof ApiError) return { ...base, count: null, error: err.message };
      throw err;
    }
  };

  const changed = <T>(write: () => T): Promise<T> =>
    writeWhenFree(db, write).then((result) => {
      blocks.clear();
      events.emit('segments.changed', {});
      return result;
    });

  return {
    'segments.list': (i) => ({ segments: segments.list(i.entity).map(info) }),
    'segments.save': async (i) => {
      // A query that doesn't read, or names segments that don't resolve, is refused with its position.
      selection.resolve(entityKind(i.entity), { query: i.query });
      return info(await changed(() => segments.saveQuery(i.name, i.entity, i.query, i.replace)));
    },
    'segments.import': async (i) => {
      const [path] = resolveAll(sources, [i.path]);
      try {
        const match = await matchIdList(db, i.entity, path!, sources.display(path!));
        const saved = await changed(() => segments.saveList(i.name, i.entity, match.members, i.replace));
        const { members: _members, ...report } = match;
        return { segment: info(saved), ...report };
      } finally {
        sources.finished?.([path!]);
      }
    },
    'segments.rename': async (i) => info(await changed(() => segments.rename(i.name, i.newName))),
    'segments.duplicate': async (i) => info(await changed(() => segments.duplicate(i.name, i.newName))),
    'segments.delete': async (i) => {
      await changed(() => segments.remove(i.name));
      return {};
    },
  };
}
