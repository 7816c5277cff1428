/**
 * Which contract methods serve each kind of profile. The grid, the filters and the CLI pick
 * methods by kind through these, rather than each spelling `kind === 'user' ? 'users.page' : …`.
 */
import type { MethodName } from './contract';
import type { ProfileKind } from './keys';

export const PROFILE_METHODS = {
  user: { page: 'users.page', count: 'users.count', get: 'users.get', values: 'users.values' },
  account: { page: 'accounts.page', count: 'accounts.count', get: 'accounts.get', values: 'accounts.values' },
} as const satisfies Record<ProfileKind, Record<'page' | 'count' | 'get' | 'values', MethodName>>;

type Methods<Role extends keyof (typeof PROFILE_METHODS)['user']> = (typeof PROFILE_METHODS)[ProfileKind][Role];

/** `users.page` / `accounts.page`: one block of rows. */
export const pageMethod = (kind: ProfileKind): Methods<'page'> => PROFILE_METHODS[kind].page;
/** `users.count` / `accounts.count`: the number of matching profiles. */
export const countMethod = (kind: ProfileKind): Methods<'count'> => PROFILE_METHODS[kind].count;
/** `users.get` / `accounts.get`: one profile's detail. */
export const getMethod = (kind: ProfileKind): Methods<'get'> => PROFILE_METHODS[kind].get;
/** `users.values` / `accounts.values`: an attribute's most frequent values. */
export const valuesMethod = (kind: ProfileKind): Methods<'values'> => PROFILE_METHODS[kind].values;

/** "users", "accounts": the kind's plural, as in commands, method names and preference keys. */
export const kindPlural = (kind: ProfileKind): 'users' | 'accounts' => (kind === 'user' ? 'users' : 'accounts');
