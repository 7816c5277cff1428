/**
 * The attribute-sync bench's reference table: a CSV of N rows (`email,ltv,tier,vip,signed_up,seats`)
 * generated deterministically from the emails of the bench's user store, so a known share of
 * its rows match a profile. The emails are read from the store itself (not recomputed from the
 * sample generator): a user's email there is the one its latest event carried, which is what a
 * sync joins on.
 *
 * Rows, in a shuffled order: one per distinct key (60% of the store's emails, the rest emails no
 * user has), 2% repeating an earlier key (in another spelling sometimes: upper case, padded with
 * spaces), 0.1% without a key. Values are typed the way spreadsheets write them: numbers with
 * decimals, booleans in either case, times with `Z`, an offset or as a date alone, a few quoted
 * texts with commas and quotes, and some blanks in every column.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber } from '../common/format';
import { mulberry32, type Rng } from '../main/core/sample/prng';
import { openStore } from '../main/core/store/open';
import { log } from './child';
import { DATA_DIR } from './data';

/** Of the store's distinct emails, the share the table matches. */
export const MATCH_SHARE = 0.6;
/** Of the rows, the share repeating an earlier row's key. */
export const DUPLICATE_SHARE = 0.02;
/** Of the rows, the share without a key. */
export const BLANK_SHARE = 0.001;

export const SYNC_CSV_HEADER = ['email', 'ltv', 'tier', 'vip', 'signed_up', 'seats'] as const;

/** What the generated table holds, by construction (the sync's report must say the same). */
export interface PlannedCounts {
  rows: number;
  /** Distinct keys that are a user's email. */
  matched: number;
  /** Distinct keys no user has. */
  unmatched: number;
  duplicates: number;
  blankKeys: number;
}

export interface SyncCsv extends PlannedCounts {
  path: string;
  bytes: number;
  /** The store the keys come from, and its users' distinct emails. */
  storePath: string;
  emails: number;
  /** Seconds spent generating it in this run; null when cached. */
  generated: number | null;
}

export function planCounts(rows: number, distinctEmails: number): PlannedCounts {
  const blankKeys = Math.round(rows * BLANK_SHARE);
  const duplicates = Math.round(rows * DUPLICATE_SHARE);
  const distinct = rows - blankKeys - duplicates;
  const matched = Math.min(Math.round(distinctEmails * MATCH_SHARE), distinct);
  return { rows, matched, unmatched: distinct - matched, duplicates, blankKeys };
}

/** Fisher–Yates over the first `count` places: a random choice of `count` items, in random order. */
function shuffle(a: Int32Array, rng: Rng, count = a.length): void {
  for (let i = 0; i < Math.min(count, a.length - 1); i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

const TIERS = ['bronze', 'silver', 'gold', 'platinum'];
const START_MS = Date.UTC(2015, 0, 1);
const SPAN_MS = 10 * 365 * 86_400_000;

/** A key as a spreadsheet might spell it: mostly as is, some upper-cased or padded. */
function spelled(email: string, rng: Rng): string {
  const r = rng();
  return r < 0.03 ? email.toUpperCase() : r < 0.06 ? `  ${email} ` : email;
}

function timeText(rng: Rng): string {
  const ms = START_MS + Math.floor(rng() * SPAN_MS);
  const r = rng();
  if (r < 0.34) return new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
  // The same instant written at +02:00.
  if (r < 0.67) return `${new Date(ms + 2 * 3_600_000).toISOString().slice(0, 23)}+02:00`;
  return new Date(ms).toISOString().slice(0, 10);
}

function valuesText(rng: Rng): string {
  const ltv = rng() < 0.03 ? '' : (rng() * 5000).toFixed(2);
  const t = rng();
  const tier = t < 0.02 ? '' : t < 0.03 ? '"platinum, ""legacy"""' : TIERS[Math.floor(rng() * TIERS.length)]!;
  const v = rng();
  const vip = v < 0.05 ? '' : v < 0.15 ? 'TRUE' : v < 0.25 ? 'true' : v < 0.6 ? 'false' : 'FALSE';
  const signedUp = rng() < 0.02 ? '' : timeText(rng);
  const seats = rng() < 0.02 ? '' : String(1 + Math.floor(rng() * 500));
  return `${ltv},${tier},${vip},${signedUp},${seats}`;
}

/**
 * The file's text in chunks of lines (header first), from the store's distinct emails: the
 * same emails, rows and seed give the same bytes.
 */
export function* syncCsvChunks(emails: readonly string[], rows: number, seed: number, linesPerChunk = 10_000): Generator<string> {
  const plan = planCounts(rows, emails.length);
  const rng = mulberry32(seed);
  const chosen = Int32Array.from(emails.keys());
  shuffle(chosen, rng, plan.matched);
  const distinct = plan.matched + plan.unmatched;
  // Per row: a distinct key's number, or -1 for no key.
  const keys = new Int32Array(rows);
  for (let i = 0; i < distinct; i++) keys[i] = i;
  for (let i = distinct; i < distinct + plan.duplicates; i++) keys[i] = Math.floor(rng() * distinct);
  keys.fill(-1, distinct + plan.duplicates);
  shuffle(keys, rng);

  let lines: string[] = [SYNC_CSV_HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const k = keys[i]!;
    const email = k < 0 ? '' : k < plan.matched ? spelled(emails[chosen[k]!]!, rng) : `lead-${k}@prospects.example`;
    lines.push(`${email},${valuesText(rng)}`);
    if (lines.length >= linesPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** The store's distinct emails, as its users carry them (in user_id order). */
export function storeEmails(storePath: string): string[] {
  const db = openStore(storePath, { readonly: true });
  try {
    return db.prepare(`SELECT DISTINCT user_email FROM users WHERE user_email IS NOT NULL AND trim(user_email) <> '' ORDER BY user_email`).pluck().all() as string[];
  } finally {
    db.close();
  }
}

const hash = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 8);
};

/** What identifies a store's content: its cache marker's key (the events file and the core's fingerprint), else its size and time. */
function storeIdentity(storePath: string): string {
  const marker = `${storePath}.json`;
  if (existsSync(marker)) return (JSON.parse(readFileSync(marker, 'utf8')) as { key: string }).key;
  const s = statSync(storePath);
  return `${s.size}/${s.mtimeMs}`;
}

/**
 * The reference table for `rows` rows over the store at `storePath`, generated once into
 * .bench-data/ and reused while the store and this generator are unchanged.
 */
export function ensureSyncCsv(rows: number, storePath: string, seed = 11): SyncCsv {
  mkdirSync(DATA_DIR, { recursive: true });
  const storeName = storePath.split(/[\\/]/).pop()!.replace(/\.db$/, '');
  const prefix = `sync-r${rows}-${storeName}-`;
  const generator = readFileSync(new URL(import.meta.url), 'utf8');
  const name = `${prefix}${hash(storeIdentity(storePath), generator, String(seed))}.csv`;
  const path = join(DATA_DIR, name);
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    return { ...(JSON.parse(readFileSync(meta, 'utf8')) as Omit<SyncCsv, 'generated'>), path, storePath, generated: null };
  }
  for (const old of readdirSync(DATA_DIR)) if (old.startsWith(prefix)) rmSync(join(DATA_DIR, old), { force: true });
  const t0 = performance.now();
  const emails = storeEmails(storePath);
  log(`generating ${name} (${formatNumber(rows)} rows over ${formatNumber(emails.length)} user emails)…`);
  // Written aside and renamed: an interrupted run never leaves a truncated file behind.
  const fd = openSync(`${path}.tmp`, 'w');
  try {
    for (const chunk of syncCsvChunks(emails, rows, seed)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
  const info: Omit<SyncCsv, 'generated'> = { ...planCounts(rows, emails.length), path, bytes: statSync(path).size, storePath, emails: emails.length };
  writeFileSync(meta, JSON.stringify(info));
  return { ...info, generated: (performance.now() - t0) / 1000 };
}
