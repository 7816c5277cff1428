/**
 * Objects and records for the Salesforce test server: builders for tests, and the demo data set
 * the CLI entry serves (3,000 Contacts, 50 Accounts) whose emails and account ids mostly match
 * the app's bundled sample data ("Load sample data"), so a sync against it matches profiles.
 */
import { SAMPLE } from '../../main/core/sample/sample-data';
import { DEFAULT_START_MS } from '../../main/core/sample/schedule';
import { accountTraits, userTraits, type Context } from '../../main/core/sample/users';

export type TestValue = string | number | boolean | null;
export type TestRecord = Record<string, TestValue>;

export interface TestField {
  name: string;
  label?: string;
  /** Salesforce's field type: id, string, email, reference, picklist, currency, double, int, percent, boolean, date, datetime, textarea… */
  type: string;
  /** False for long text areas and the like (Salesforce refuses to ORDER BY them). */
  sortable?: boolean;
}

export interface TestObject {
  name: string;
  label: string;
  custom?: boolean;
  /** False: listed by describeGlobal but not queryable (change events, shares…). */
  queryable?: boolean;
  fields: TestField[];
  records: TestRecord[];
}

/** An 18-character Salesforce-looking id: key prefix + zero-padded number + suffix. */
export function sfId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

/** Salesforce's REST datetime format: UTC with a `+0000` offset. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export const CONTACT_FIELDS: TestField[] = [
  { name: 'Id', label: 'Contact ID', type: 'id' },
  { name: 'FirstName', label: 'First Name', type: 'string' },
  { name: 'LastName', label: 'Last Name', type: 'string' },
  { name: 'Email', label: 'Email', type: 'email' },
  { name: 'Phone', label: 'Business Phone', type: 'phone' },
  { name: 'AccountId', label: 'Account ID', type: 'reference' },
  { name: 'Birthdate', label: 'Birthdate', type: 'date' },
  { name: 'Description', label: 'Contact Description', type: 'textarea', sortable: false },
  { name: 'LTV__c', label: 'Lifetime Value', type: 'currency' },
  { name: 'VIP__c', label: 'VIP', type: 'boolean' },
  { name: 'Signed_Up__c', label: 'Signed Up', type: 'datetime' },
  { name: 'Tier__c', label: 'Tier', type: 'picklist' },
  { name: 'Seats__c', label: 'Seats', type: 'double' },
];

export const ACCOUNT_FIELDS: TestField[] = [
  { name: 'Id', label: 'Account ID', type: 'id' },
  { name: 'Name', label: 'Account Name', type: 'string' },
  { name: 'Website', label: 'Website', type: 'url' },
  { name: 'External_Id__c', label: 'Profile Desk Account ID', type: 'string' },
  { name: 'Industry', label: 'Industry', type: 'picklist' },
  { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency' },
  { name: 'NumberOfEmployees', label: 'Employees', type: 'int' },
  { name: 'Customer_Since__c', label: 'Customer Since', type: 'date' },
  { name: 'Partner__c', label: 'Partner', type: 'boolean' },
  { name: 'Health__c', label: 'Health Score', type: 'percent' },
];

const TIERS = ['gold', 'silver', 'bronze', 'platinum'];
const INDUSTRIES = ['Technology', 'Retail', 'Finance', 'Healthcare', 'Media'];
const SIGNUP_BASE = Date.UTC(2023, 0, 1);

/** A Contact with plausible values derived from `n`; `fields` overrides any of them. */
export function contact(n: number, fields: TestRecord = {}): TestRecord {
  return {
    Id: sfId('003', n + 1),
    FirstName: `First${n}`,
    LastName: `Last${n}`,
    Email: `user${n}@example.com`,
    Phone: `+1 555 ${String(n % 10_000).padStart(4, '0')}`,
    AccountId: n % 5 === 0 ? null : sfId('001', (n % 50) + 1),
    Birthdate: `19${70 + (n % 30)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
    Description: n % 4 === 0 ? `Met at conference ${n}` : null,
    LTV__c: Math.round(((n * 37) % 1000) * 100 + 50) / 100,
    VIP__c: n % 7 === 0,
    Signed_Up__c: sfDateTime(SIGNUP_BASE + n * 3_600_000 + 123),
    Tier__c: n % 9 === 8 ? null : TIERS[n % TIERS.length]!,
    Seats__c: n % 3 === 0 ? null : (n % 40) + 0.5,
    ...fields,
  };
}

export function contactObject(records: TestRecord[]): TestObject {
  return { name: 'Contact', label: 'Contact', fields: CONTACT_FIELDS, records };
}

/** `count` Contacts `user0@example.com` … in a shuffled (non-key) order, as a real table is. */
export function makeContacts(count: number): TestRecord[] {
  const records = Array.from({ length: count }, (_, n) => contact(n));
  // A fixed permutation: stored order must not be the key order the connector asks for.
  for (let i = records.length - 1; i > 0; i--) {
    const j = (i * 7_919 + 13) % (i + 1);
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return records;
}

export function account(n: number, fields: TestRecord = {}): TestRecord {
  return {
    Id: sfId('001', n + 1),
    Name: `Account ${n}`,
    Website: `https://account${n}.example.com`,
    External_Id__c: `acct-${String(n).padStart(5, '0')}`,
    Industry: INDUSTRIES[n % INDUSTRIES.length]!,
    AnnualRevenue: (n + 1) * 125_000,
    NumberOfEmployees: 10 + n * 17,
    Customer_Since__c: `20${String(10 + (n % 15)).padStart(2, '0')}-0${(n % 9) + 1}-15`,
    Partner__c: n % 4 === 0,
    Health__c: (n * 13) % 101,
    ...fields,
  };
}

export function accountObject(records: TestRecord[]): TestObject {
  return { name: 'Account', label: 'Account', fields: ACCOUNT_FIELDS, records };
}

/** Objects every org has besides the ones a test cares about: a custom one and a non-queryable one. */
export function otherObjects(): TestObject[] {
  return [
    {
      name: 'Lead', label: 'Lead',
      fields: [{ name: 'Id', type: 'id', label: 'Lead ID' }, { name: 'Email', type: 'email', label: 'Email' }, { name: 'Company', type: 'string', label: 'Company' }],
      records: [{ Id: sfId('00Q', 1), Email: 'lead1@example.com', Company: 'Leadco' }],
    },
    {
      name: 'Subscription__c', label: 'Subscription', custom: true,
      fields: [
        { name: 'Id', type: 'id', label: 'Record ID' },
        { name: 'Contact_Email__c', type: 'email', label: 'Contact Email' },
        { name: 'Plan__c', type: 'picklist', label: 'Plan' },
        { name: 'Renews_On__c', type: 'date', label: 'Renews On' },
      ],
      records: [{ Id: sfId('a01', 1), Contact_Email__c: 'user1@example.com', Plan__c: 'pro', Renews_On__c: '2025-06-30' }],
    },
    { name: 'AccountChangeEvent', label: 'Account Change Event', queryable: false, fields: [{ name: 'Id', type: 'id', label: 'ID' }], records: [] },
  ];
}

/** The context the app's sample data set is generated with (see sample-data.ts and schedule.ts). */
function sampleContext(): Context {
  const startMs = DEFAULT_START_MS;
  return { seed: SAMPLE.seed, startMs, endMs: startMs + 90 * 86_400_000, meanSessions: 1, accounts: Math.max(1, Math.round(SAMPLE.users / 25)) };
}

/**
 * The CLI's demo data set: 3,000 Contacts, of which ~2,300 carry the email of a sample user
 * (some in other letter case, 25 twice), 10 have no email and the rest are `user<N>@example.com`
 * that match nobody; 50 Accounts whose External_Id__c is a sample account id for 45 of them.
 */
export function demoObjects(): TestObject[] {
  const ctx = sampleContext();
  const window = { start: ctx.startMs, end: ctx.endMs, sessions: 1 };
  const contacts: TestRecord[] = [];
  for (let u = 0; u < 2_400 && contacts.length < 2_300; u++) {
    const user = userTraits(ctx, u, window);
    // Users whose email changed show the new one in the sample; leave them out.
    if (user.emailChange) continue;
    const email = u % 10 === 3 ? user.email.toUpperCase() : user.email;
    const [first = '', last = ''] = user.name.split(' ');
    contacts.push(contact(contacts.length, { Email: email, FirstName: first, LastName: last }));
  }
  for (let d = 0; d < 25; d++) contacts.push(contact(contacts.length, { Email: contacts[d * 40]!.Email ?? null }));
  for (let b = 0; b < 10; b++) contacts.push(contact(contacts.length, { Email: null }));
  while (contacts.length < 3_000) contacts.push(contact(contacts.length));
  const accounts = Array.from({ length: 50 }, (_, a) => {
    if (a >= 45) return account(a, { External_Id__c: `acct-${90_000 + a}` });
    const traits = accountTraits(ctx, a);
    return account(a, { Name: traits.name, Website: `https://${traits.domain}`, External_Id__c: traits.id });
  });
  return [contactObject(contacts), accountObject(accounts), ...otherObjects()];
}
