/** `users.*` and `accounts.*`: grid blocks, counts, value facets and detail, by selection. */
import type { Handlers } from '../../../common/contract';
import type { ProfileKind } from '../../../common/keys';
import { accountDetail, userDetail } from '../query/detail';
import { profileValues } from '../query/profiles';
import type { HandlerContext } from './context';

type ProfileMethods = 'page' | 'count' | 'values';

export function profileHandlers(ctx: HandlerContext): Pick<
  Handlers,
  `${'users' | 'accounts'}.${ProfileMethods | 'get'}`
> {
  const { blocks, db, selection, catalog } = ctx;
  const of = (kind: ProfileKind) => ({
    page: async (i: Parameters<Handlers['users.page']>[0]) => ({
      rows: await blocks.page(kind, { ...i, filter: selection.resolve(kind, i) }),
    }),
    count: async (i: Parameters<Handlers['users.count']>[0]) => ({ count: await blocks.countMatches(kind, selection.resolve(kind, i)) }),
    values: (i: Parameters<Handlers['users.values']>[0]) => ({
      values: profileValues(db, catalog.table(kind), i.key, selection.resolve(kind, i), i.limit),
    }),
  });
  const users = of('user');
  const accounts = of('account');
  return {
    'users.page': users.page,
    'users.count': users.count,
    'users.values': users.values,
    'users.get': (i) => userDetail(db, catalog.table('user'), i.id),
    'accounts.page': accounts.page,
    'accounts.count': accounts.count,
    'accounts.values': accounts.values,
    'accounts.get': (i) => accountDetail(db, { user: catalog.table('user'), account: catalog.table('account') }, i.id),
  };
}
