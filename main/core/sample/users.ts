/**
 * Users and accounts as pure functions of (seed, index): nothing is kept per user except a few
 * numbers in the scheduler, so 1M users cost a few MB. Traits that change over time (email,
 * account name) are stored as "value + change time" and resolved per session.
 */
import {
  APPS, CITIES, COMPANY_NOUNS, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, FREE_MAIL, LAST_NAMES,
  type App, type City,
} from './catalog';
import { PLATFORMS, type BrowserFamily, type Platform } from './devices';
import { exponential, pick, seeded, stochasticRound, uuid, weighted } from './prng';

export interface Context {
  seed: number;
  startMs: number;
  endMs: number;
  /** Mean sessions per user. */
  meanSessions: number;
  accounts: number;
}

export interface AccountTraits {
  id: string;
  name: string;
  domain: string;
  /** ~3% of accounts are renamed at some point. */
  rename: { name: string; at: number } | null;
}

export interface Device {
  platform: Platform;
  family: BrowserFamily;
}

export interface UserTraits {
  index: number;
  /** The canonical id: "u-000123", or the digits of a numeric id. */
  id: string;
  /** ~3% of users have numeric ids that some events carry as JSON numbers. */
  numeric: boolean;
  anonymousId: string;
  name: string;
  email: string;
  emailChange: { email: string; at: number } | null;
  account: AccountTraits | null;
  home: City;
  /** Travellers sometimes show up in another city. */
  traveller: boolean;
  device: Device;
  /** A second device used for some sessions (a phone besides the laptop). */
  secondDevice: Device | null;
  lagDays: number;
  variant: number;
  app: App;
  otherApp: App | null;
}

export interface Schedule {
  start: number;
  end: number;
  sessions: number;
}

// Tags keep the hash streams of different purposes apart.
const T_SCHED = 1;
const T_USER = 2;
const T_ACCOUNT = 3;

/** Sessions start early enough to end inside the covered period. */
export const SESSION_MARGIN_MS = 3 * 3_600_000;

/** The active window and session count of a user: cheap, computed for every user up front. */
export function userSchedule(ctx: Context, u: number): Schedule {
  const rng = seeded(ctx.seed, T_SCHED, u);
  const last = ctx.endMs - SESSION_MARGIN_MS;
  const span = last - ctx.startMs;
  // 60% were already active when the period starts; the rest sign up during it.
  const start = rng() < 0.6 ? ctx.startMs : ctx.startMs + rng() * span * 0.9;
  // 25% churn before the end.
  const end = rng() < 0.75 ? last : start + (last - start) * (0.2 + 0.8 * rng());
  // Squared exponential: mean 1 with a heavy tail of power users.
  const e = exponential(rng);
  const extra = stochasticRound(rng, (ctx.meanSessions - 1) * Math.min(40, (e * e) / 2));
  return { start, end, sessions: 1 + extra };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function accountTraits(ctx: Context, a: number): AccountTraits {
  const rng = seeded(ctx.seed, T_ACCOUNT, a);
  const word = pick(rng, COMPANY_WORDS);
  const noun = pick(rng, COMPANY_NOUNS);
  const suffix = pick(rng, COMPANY_SUFFIXES);
  const name = suffix ? `${word} ${noun} ${suffix}` : `${word} ${noun}`;
  const domain = `${slug(word + noun)}${a}.com`;
  const rename = rng() < 0.03
    ? { name: `${word} ${pick(rng, COMPANY_NOUNS)} Holdings`, at: ctx.startMs + rng() * (ctx.endMs - ctx.startMs) }
    : null;
  return { id: `acct-${pad(a, 5)}`, name, domain, rename };
}

function pickDevice(rng: () => number): Device {
  const platform = weighted(rng, PLATFORMS);
  return { platform, family: weighted(rng, platform.browsers) };
}

export function userTraits(ctx: Context, u: number, schedule: Schedule): UserTraits {
  const rng = seeded(ctx.seed, T_USER, u);
  const numeric = rng() < 0.03;
  const id = numeric ? String(1_000_000 + u * 17 + Math.floor(rng() * 17)) : `u-${pad(u, 6)}`;
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  // 10% without account; the others concentrate on low account indices (a few huge accounts).
  const account = rng() < 0.1 ? null : accountTraits(ctx, Math.floor(ctx.accounts * rng() ** 2.5));
  const local = `${first}.${last}${u}`.toLowerCase();
  const domain = account ? account.domain : pick(rng, FREE_MAIL);
  const emailChange = rng() < 0.02
    ? {
        email: `${local}@${account ? domain.replace(/\.com$/, '.io') : pick(rng, FREE_MAIL)}`,
        at: schedule.start + rng() * (schedule.end - schedule.start),
      }
    : null;
  const device = pickDevice(rng);
  const secondDevice = rng() < 0.25 ? pickDevice(rng) : null;
  const app = weighted(rng, APPS);
  const otherApp = rng() < 0.15 ? weighted(rng, APPS) : null;
  return {
    index: u,
    id,
    numeric,
    anonymousId: uuid(rng),
    name: `${first} ${last}`,
    email: `${local}@${domain}`,
    emailChange,
    account,
    home: weighted(rng, CITIES),
    traveller: rng() < 0.1,
    device,
    secondDevice,
    lagDays: Math.floor(rng() ** 2 * 60),
    variant: Math.floor(rng() * 1_000_000),
    app,
    otherApp,
  };
}

/** A synthetics robot: logs in as a dedicated test user of an internal account. */
export function botTraits(ctx: Context, n: number): UserTraits {
  const rng = seeded(ctx.seed, 4, n);
  const platform = PLATFORMS.find(([p]) => p.key === 'linux')![0];
  const home = CITIES.find(([c]) => c.city === 'New York')![0];
  return {
    index: -1 - n,
    id: `synthetics-bot-${n}`,
    numeric: false,
    anonymousId: uuid(rng),
    name: `Synthetics Bot ${n}`,
    email: `synthetics-bot-${n}@example.com`,
    emailChange: null,
    account: { id: 'acct-internal', name: 'Example Inc. (monitoring)', domain: 'example.com', rename: null },
    home: { ...home, city: 'Ashburn', region: 'Virginia' },
    traveller: false,
    device: { platform, family: 'Chrome' },
    secondDevice: null,
    lagDays: 0,
    variant: n,
    app: APPS[0]![0],
    otherApp: null,
  };
}
