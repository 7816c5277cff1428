/**
 * The canonical profile attribute keys (ARCHITECTURE.md §7). Everything that names a
 * column — grid column ids, CLI/JSON output keys, filters, the query language — uses these.
 */

export type AttributeType = 'text' | 'number' | 'time' | 'country' | 'boolean';

export type AttributeGroup =
  | 'identity'
  | 'time'
  | 'application'
  | 'geo'
  | 'device'
  | 'os'
  | 'browser'
  | 'activity'
  /** Custom attributes, imported by a source (common/attributes.ts). */
  | 'custom';

export interface AttributeSpec {
  key: string;
  label: string;
  type: AttributeType;
  group: AttributeGroup;
  /** Few distinct values: the grid offers a set-of-values filter. */
  lowCardinality?: boolean;
  /** Custom attributes: the source that imports it. */
  source?: string;
}

/** Attributes tracked as a first/last pair: [suffix, label, group, type]. */
const FIRST_LAST: ReadonlyArray<[string, string, AttributeGroup, AttributeType, boolean]> = [
  ['application_id', 'application', 'application', 'text', true],
  ['city', 'city', 'geo', 'text', false],
  ['country_code', 'country', 'geo', 'country', true],
  ['region', 'region', 'geo', 'text', false],
  ['device_type', 'device type', 'device', 'text', true],
  ['os_name', 'OS', 'os', 'text', true],
  ['os_version', 'OS version', 'os', 'text', false],
  ['browser_name', 'browser', 'browser', 'text', true],
  ['browser_version', 'browser version', 'browser', 'text', false],
];

/** The suffixes X of the `first_X` / `last_X` pairs, in the Datadog page's order. */
export const FIRST_LAST_SUFFIXES = FIRST_LAST.map(([suffix]) => suffix);

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const USER_ATTRIBUTES: readonly AttributeSpec[] = [
  { key: 'user_id', label: 'User ID', type: 'text', group: 'identity' },
  { key: 'user_email', label: 'Email', type: 'text', group: 'identity' },
  { key: 'user_name', label: 'Name', type: 'text', group: 'identity' },
  { key: 'account_id', label: 'Account ID', type: 'text', group: 'identity' },
  { key: 'first_seen', label: 'First seen', type: 'time', group: 'time' },
  { key: 'last_seen', label: 'Last seen', type: 'time', group: 'time' },
  ...FIRST_LAST.flatMap(([suffix, label, group, type, lowCardinality]) =>
    (['first', 'last'] as const).map((edge) => ({
      key: `${edge}_${suffix}`,
      label: `${capitalize(edge)} ${label}`,
      type,
      group,
      lowCardinality,
    })),
  ),
  { key: 'session_count', label: 'Sessions', type: 'number', group: 'activity' },
  { key: 'view_count', label: 'Views', type: 'number', group: 'activity' },
  { key: 'action_count', label: 'Actions', type: 'number', group: 'activity' },
  { key: 'error_count', label: 'Errors', type: 'number', group: 'activity' },
];

export const ACCOUNT_ATTRIBUTES: readonly AttributeSpec[] = [
  { key: 'account_id', label: 'Account ID', type: 'text', group: 'identity' },
  { key: 'account_name', label: 'Name', type: 'text', group: 'identity' },
  { key: 'first_seen', label: 'First seen', type: 'time', group: 'time' },
  { key: 'last_seen', label: 'Last seen', type: 'time', group: 'time' },
  { key: 'user_count', label: 'Users', type: 'number', group: 'activity' },
  { key: 'session_count', label: 'Sessions', type: 'number', group: 'activity' },
];

export type ProfileKind = 'user' | 'account';

export const ATTRIBUTES: Record<ProfileKind, readonly AttributeSpec[]> = {
  user: USER_ATTRIBUTES,
  account: ACCOUNT_ATTRIBUTES,
};

export const USER_KEYS = USER_ATTRIBUTES.map((a) => a.key);
export const ACCOUNT_KEYS = ACCOUNT_ATTRIBUTES.map((a) => a.key);

export function attributeSpec(kind: ProfileKind, key: string): AttributeSpec | undefined {
  return ATTRIBUTES[kind].find((a) => a.key === key);
}

/** The keys free text searches (ARCHITECTURE.md §8). */
export const TEXT_SEARCH_KEYS: Record<ProfileKind, readonly string[]> = {
  user: ['user_id', 'user_email', 'user_name'],
  account: ['account_id', 'account_name'],
};

/**
 * A profile row as it crosses the API: canonical keys only, null where absent,
 * ids as strings, times as ISO 8601 UTC with milliseconds.
 */
export type ProfileRow = Record<string, string | number | boolean | null>;
