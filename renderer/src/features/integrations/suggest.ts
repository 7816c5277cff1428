/**
 * What the "Add attributes" wizard proposes and checks as the analyst goes: an attribute name
 * for a source column, the profile attribute a key column matches, and whether a name can be
 * used. Plain functions, so the rules are tested without a browser.
 */
import { ATTRIBUTE_NAME, type SourceColumn } from '../../../../common/attributes';

/** Salesforce custom field (`__c`), person-account field (`__pc`) and relationship (`__r`) suffixes. */
const SALESFORCE_SUFFIX = /__(c|pc|r)$/i;

/**
 * A lower snake case name for a column: `LTV__c` → `ltv`, `Signed_Up__c` → `signed_up`,
 * `RENEWAL_DATE` → `renewal_date`, `AnnualRevenue` → `annual_revenue`, `Plan tier` → `plan_tier`.
 */
export function suggestName(column: string): string {
  const words = column
    .trim()
    .replace(SALESFORCE_SUFFIX, '')
    // A namespace prefix (`acme__Tier`) says nothing about the value.
    .replace(/^[A-Za-z0-9]+__(?=[A-Za-z])/, '')
    // camelCase and PascalCase word breaks, but not inside an all-caps run (`LTV`, `RENEWAL`).
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return 'attribute';
  const name = /^[a-z]/.test(words) ? words : `col_${words}`;
  return name.slice(0, 63).replace(/_+$/, '');
}

export type Entity = 'users' | 'accounts';

/** The profile attributes a source's key column can match, per kind of profile. */
export const JOIN_ATTRIBUTES: Record<Entity, Array<{ value: string; label: string }>> = {
  users: [
    { value: 'user_email', label: 'Email (user_email)' },
    { value: 'user_id', label: 'User ID (user_id)' },
    { value: 'user_name', label: 'Name (user_name)' },
    { value: 'account_id', label: 'Account ID (account_id)' },
  ],
  accounts: [
    { value: 'account_id', label: 'Account ID (account_id)' },
    { value: 'account_name', label: 'Name (account_name)' },
  ],
};

const squash = (name: string) => name.replace(SALESFORCE_SUFFIX, '').replace(/[^a-z0-9]/gi, '').toLowerCase();

/**
 * The column and profile attribute a join most likely uses, guessed from the column names:
 * an email column ↔ `user_email` for users; `Id`, an account id or another `*_id` ↔
 * `account_id` for accounts. Null when no column looks like a key.
 */
export function suggestJoin(columns: readonly Pick<SourceColumn, 'name'>[], entity: Entity): { column: string; attribute: string } | null {
  const names = columns.map((c) => c.name);
  const find = (test: (squashed: string) => boolean) => names.find((n) => test(squash(n)));
  if (entity === 'users') {
    const email = find((s) => s === 'email' || s === 'useremail' || s === 'emailaddress') ?? find((s) => s.includes('email'));
    if (email) return { column: email, attribute: 'user_email' };
    const id = find((s) => s === 'userid');
    if (id) return { column: id, attribute: 'user_id' };
    return null;
  }
  const account =
    find((s) => s === 'accountid') ??
    find((s) => s.startsWith('account') && s.endsWith('id')) ??
    find((s) => s === 'id') ??
    names.find((n) => /(^|_)id(__c)?$/i.test(n) || /[a-z]Id$/.test(n));
  return account ? { column: account, attribute: 'account_id' } : null;
}

/**
 * Why a name can't be used, or null when it can: the shape the query language needs, then
 * collisions with built-in keys, other sources' attributes and the other names being chosen.
 */
export function nameError(name: string, taken: { builtIn: ReadonlySet<string>; otherSources: ReadonlyMap<string, string>; inDraft: number }): string | null {
  if (name === '') return 'Give it a name';
  if (!ATTRIBUTE_NAME.test(name)) {
    if (/^[^a-z]/.test(name)) return 'Starts with a lower-case letter (a-z)';
    if (name.length > 63) return 'At most 63 characters';
    return 'Lower snake case only: a-z, 0-9 and _';
  }
  if (taken.builtIn.has(name)) return `“${name}” is a built-in attribute`;
  const owner = taken.otherSources.get(name);
  if (owner !== undefined) return `“${name}” is already imported by source “${owner}”`;
  if (taken.inDraft > 1) return `“${name}” is given to two columns`;
  return null;
}
