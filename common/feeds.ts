/**
 * Pulled feeds (ARCHITECTURE.md §11): the store built from events the app fetches itself, as
 * they cross the API. Three kinds:
 * - `datadog`: the RUM Events API (`POST /api/v2/rum/events/search`), pulled incrementally;
 * - `url`: an HTTP(S) URL serving an event file (NDJSON, JSON, API pages; gzip or not);
 * - `folder`: a folder whose new event files are imported once each.
 */
import { z } from 'zod';
import { scheduleSchema, type Schedule } from './attributes';
import type { ImportSummary } from './types';

export const FEED_KINDS = ['datadog', 'url', 'folder'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Datadog sites; the API lives at `https://api.<site>`. */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'uk1.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
] as const;
export type DatadogSite = (typeof DATADOG_SITES)[number];

/** Minutes re-read before the last pull's end, for events Datadog ingested late. */
export const DEFAULT_LOOKBACK_MINUTES = 15;

const feedName = z.string().trim().min(1).max(100);
const secret = z.string().min(1).max(20_000);
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\/[^/\s]+/i.test(u), 'must be an http(s) URL');
/** An HTTP header name (RFC 9110 token). */
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'must be a header name');

/** Fields every kind has. `paused` feeds keep their settings but never pull by themselves. */
const common = {
  name: feedName,
  schedule: scheduleSchema.default('manual'),
  paused: z.boolean().default(false),
};

export const datadogFeedDefinition = z.object({
  ...common,
  kind: z.literal('datadog'),
  site: z.enum(DATADOG_SITES).default('datadoghq.com'),
  /** Overrides the site's API base (a proxy, a test server): `https://proxy.example/` + `/api/v2/…`. */
  baseUrl: httpUrl.optional(),
  /** Secrets. Editing: left out, the saved value stays. */
  apiKey: secret.optional(),
  appKey: secret.optional(),
  /** A RUM search query narrowing the events (`@application.id:… @type:(view OR action)`). */
  query: z.string().trim().min(1).max(4000).default('*'),
  /** Where the first pull starts: an ISO date or time, or relative (`now-7d`). */
  from: z.string().trim().min(1).max(100).default('now-7d'),
  lookbackMinutes: z.number().int().min(0).max(24 * 60).default(DEFAULT_LOOKBACK_MINUTES),
});

export const urlFeedDefinition = z.object({
  ...common,
  kind: z.literal('url'),
  url: httpUrl,
  /**
   * Sent with every request (`{"Authorization": "Bearer …"}`, `{"X-Api-Key": "…"}`); every value
   * is a secret. Editing: left out, the saved headers stay; given, they replace them all.
   */
  headers: z.record(headerName, secret).optional(),
});

export const folderFeedDefinition = z.object({
  ...common,
  kind: z.literal('folder'),
  /** A folder on the host (absolute). */
  path: z.string().min(1).max(4096),
});

/** What one feed pulls (the CLI's FEED.json, secrets resolved). */
export const feedDefinition = z.discriminatedUnion('kind', [datadogFeedDefinition, urlFeedDefinition, folderFeedDefinition]);
export type FeedDefinition = z.output<typeof feedDefinition>;
export type DatadogFeedDefinition = z.output<typeof datadogFeedDefinition>;
export type UrlFeedDefinition = z.output<typeof urlFeedDefinition>;
export type FolderFeedDefinition = z.output<typeof folderFeedDefinition>;

/** What started a pull. */
export type FeedTrigger = 'manual' | 'schedule' | 'watch' | 'save';

/** One pull of a feed, as kept in its history. */
export interface FeedRun {
  id: number;
  trigger: FeedTrigger;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Datadog: API pages committed; url: 1 when the content was fetched. */
  pages: number;
  /** Records read (API items, file records). */
  events: number;
  /** Records imported into profiles (not skipped, not excluded). */
  imported: number;
  skipped: number;
  /** The time range this pull covered (Datadog: the search window, as far as committed); ISO. */
  from: string | null;
  to: string | null;
  /** url: the server said the content had not changed (304, or the same bytes). */
  notModified: boolean;
  /** folder: files imported and files that failed in this pull. */
  files: number;
  failedFiles: number;
  error: string | null;
}

/** A pull job's result: the run, and for url and folder feeds the import's summary. */
export interface FeedPullReport extends FeedRun {
  feed: string;
  kind: FeedKind;
  /** url and folder pulls that imported files. */
  summary?: ImportSummary;
}

/** A file a folder feed has seen: imported, or failed (not retried until it changes). */
export interface FeedFile {
  name: string;
  bytes: number;
  status: 'imported' | 'failed';
  events: number;
  error: string | null;
  at: string;
}

/** A saved feed as clients see it: no secret, only which ones are set. */
export interface FeedInfo {
  name: string;
  kind: FeedKind;
  /** The non-secret settings: site, baseUrl, query, from, lookbackMinutes | url | path. */
  settings: Record<string, string | number>;
  /** The secrets that are set: `apiKey`, `appKey`, or `header:<Name>` for a url feed's headers. */
  secrets: string[];
  schedule: Schedule;
  paused: boolean;
  createdAt: string;
  /** The time range whose events are in the store (Datadog), ISO; null before the first pull. */
  covered: { from: string; to: string } | null;
  /** An interrupted pull's checkpoint: the next pull resumes from there. */
  resumable: boolean;
  lastPull: FeedRun | null;
  /** When the schedule will next pull it; null for manual or paused feeds, and folder feeds (watched). */
  nextPullAt: string | null;
  /** A pull job of this feed in progress. */
  pullJobId: string | null;
}
