/**
 * The Snowflake test server's demo data set: account and user tables keyed like the bundled
 * sample data ("Load sample data": seed 42, 3,000 users, 120 accounts), so a source built on
 * them matches real profiles, plus a few keys that match nothing and one duplicate.
 */
import { SAMPLE } from '../../main/core/sample/sample-data';
import { DEFAULT_START_MS } from '../../main/core/sample/generator';
import { accountTraits, userTraits, type Context } from '../../main/core/sample/users';
import { seeded } from '../../main/core/sample/prng';
import type { SnowflakeUser } from './snowflake-auth';
import type { CellValue, SnowflakeTableSpec } from './snowflake-data';
import { ACCOUNTS_LTV_COLUMNS } from './snowflake-fixtures';

const DAY = 86_400_000;
const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
const PLANS = ['free', 'team', 'business', 'enterprise'] as const;

export interface DemoDataSet {
  users: SnowflakeUser[];
  tables: SnowflakeTableSpec[];
  /** The connection fields to use it (besides account and accessUrl). */
  connection: Record<string, string>;
}

function sampleContext(): Context {
  const days = 90;
  // As generateEvents derives it for the sample: one account per 25 users.
  return { seed: SAMPLE.seed, startMs: DEFAULT_START_MS, endMs: DEFAULT_START_MS + days * DAY, meanSessions: 1, accounts: Math.round(SAMPLE.users / 25) };
}

function accountRows(ctx: Context): CellValue[][] {
  const rows: CellValue[][] = [];
  const row = (id: string, a: number): CellValue[] => {
    const rng = seeded(SAMPLE.seed, 900, a);
    const tier = TIERS[Math.floor(rng() * TIERS.length)]!;
    const ltv = Math.round((50 + rng() * 20_000) * 100) / 100;
    return [id, ltv, tier, ctx.endMs + Math.floor(rng() * 365) * DAY, tier === 'platinum' || rng() < 0.2, ctx.endMs - Math.floor(rng() * 30 * DAY)];
  };
  for (let a = 0; a < ctx.accounts; a++) rows.push(row(accountTraits(ctx, a).id, a));
  // Keys no profile has, and a second row for the first account (the first in key order wins).
  for (let x = 1; x <= 3; x++) rows.push(row(`acct-9900${x}`, 10_000 + x));
  rows.push(['acct-00000', 1, 'bronze', null, false, null]);
  return rows;
}

function userRows(ctx: Context): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let u = 0; u < SAMPLE.users; u++) {
    const traits = userTraits(ctx, u, { start: ctx.startMs, end: ctx.endMs, sessions: 1 });
    const rng = seeded(SAMPLE.seed, 901, u);
    const plan = PLANS[Math.floor(rng() * PLANS.length)]!;
    rows.push([
      traits.email,
      plan,
      1 + Math.floor(rng() * 50),
      Math.round(rng() * 100) / 10,
      ctx.startMs - Math.floor(rng() * 700 * DAY),
      { theme: rng() < 0.5 ? 'dark' : 'light', beta: rng() < 0.1 },
    ]);
  }
  rows.push(['nobody@unknown.example', 'free', 1, null, null, null]);
  return rows;
}

export function demoDataSet(): DemoDataSet {
  const ctx = sampleContext();
  const accounts: SnowflakeTableSpec = {
    database: 'ANALYTICS',
    schema: 'PUBLIC',
    name: 'ACCOUNTS_LTV',
    // The fixture table's first six columns: ID, LTV, tier, renewal, enterprise, updated.
    columns: ACCOUNTS_LTV_COLUMNS.slice(0, 6),
    rows: accountRows(ctx),
  };
  const users: SnowflakeTableSpec = {
    database: 'ANALYTICS',
    schema: 'PUBLIC',
    name: 'USER_PLANS',
    columns: [
      { name: 'EMAIL', type: 'TEXT' },
      { name: 'PLAN', type: 'TEXT' },
      { name: 'SEATS', type: 'NUMBER(38,0)' },
      { name: 'NPS', type: 'FLOAT' },
      { name: 'SIGNED_UP_AT', type: 'TIMESTAMP_NTZ' },
      { name: 'PREFERENCES', type: 'VARIANT' },
    ],
    rows: userRows(ctx),
  };
  const enterprise: SnowflakeTableSpec = {
    ...accounts,
    schema: 'REPORTING',
    name: 'ENTERPRISE_ACCOUNTS',
    kind: 'VIEW',
    rows: accounts.rows.filter((r) => r[4] === true),
  };
  return {
    users: [{ name: 'ALICE', password: 'demo-password', pat: 'demo-pat', role: 'ANALYST' }],
    tables: [accounts, users, enterprise],
    connection: { username: 'ALICE', auth: 'password', password: 'demo-password', warehouse: 'COMPUTE_WH', database: 'ANALYTICS' },
  };
}
