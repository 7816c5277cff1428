/** Plain payload types shared by the contract, the core and the renderer (JSON only). */
import type { SyncReport } from './attributes';
import type { FeedPullReport } from './feeds';
import type { ProfileRow } from './keys';

export interface PageView {
  path: string;
  visits: number;
}

export interface FrequentAction {
  name: string;
  type: string | null;
  count: number;
}

export interface SessionSummary {
  session_id: string;
  start: string;
  end: string;
  duration_ms: number;
  views: number;
  actions: number;
  errors: number;
  application_id: string | null;
  country_code: string | null;
  device_type: string | null;
  browser_name: string | null;
  os_name: string | null;
}

export interface UserDetail {
  profile: ProfileRow;
  pages: PageView[];
  actions: FrequentAction[];
  sessions: SessionSummary[];
  /** Total sessions; `sessions` holds the most recent ones. */
  sessionTotal: number;
  account: { account_id: string; account_name: string | null } | null;
}

export interface AccountDetail {
  profile: ProfileRow;
  /** The account's users, most recently seen first. */
  users: ProfileRow[];
  userTotal: number;
}

export interface SkippedRecord {
  file: string;
  /** 1-based line of the record (for JSON arrays and pages: the line the record starts on). */
  line: number;
  reason: string;
}

export interface FileSummary {
  file: string;
  bytes: number;
  records: number;
  imported: number;
  skipped: number;
  excluded: number;
  status: 'imported' | 'failed' | 'cancelled';
  error?: string;
}

export interface ImportSummary {
  files: FileSummary[];
  /** Records read (raw events and API items). */
  records: number;
  /** Records applied to the store. */
  imported: number;
  /** Invalid records: not JSON, not an object, no usable time. */
  skipped: number;
  skippedByReason: Record<string, number>;
  /** Synthetics and ci_test sessions. */
  excluded: number;
  /** The first 20 skipped records. */
  errors: SkippedRecord[];
  users: { new: number; updated: number };
  accounts: { new: number; updated: number };
  durationMs: number;
  cancelled: boolean;
}

export type JobKind = 'import' | 'sample' | 'export' | 'sync' | 'feed';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  label: string;
  /**
   * 'queued': waiting for this process's previous import job to end (imports run one at a
   * time); 'waiting': running, but another process (the CLI, the app) holds the store's write
   * lock and this job waits for that transaction; 'running': reading and writing.
   */
  state: 'queued' | 'waiting' | 'running';
  file: string | null;
  bytes: number;
  totalBytes: number;
  events: number;
  eventsPerSec: number;
  /** Estimated ms left, null until it can be estimated. */
  etaMs: number | null;
  /** Exports: rows written so far, and rows in all; syncs: source rows read (no total). */
  rows?: number;
  totalRows?: number;
  /** Feed pulls: API pages committed, and how far (ISO) the committed events reach. */
  pages?: number;
  coveredTo?: string | null;
  /** Feed pulls in state 'waiting': what for, in words ("rate limited (12 s)", "another writer of the store"). */
  waitingFor?: string;
}

/** What an export job wrote. */
export interface ExportSummary {
  /** How the target is shown: a file name, or "download". */
  target: string;
  rows: number;
  bytes: number;
  columns: string[];
  durationMs: number;
  /** In the browser host: the id to fetch the file with (`GET /api/download/<id>`). */
  download?: string;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type ErrorCode =
  | 'unknown_method'
  | 'invalid_input'
  | 'not_found'
  | 'bad_query'
  | 'import_failed'
  | 'export_failed'
  /** A source refused our credentials (which one is in the message). */
  | 'auth_failed'
  /** A source could not be read: network, SQL or API error, a malformed CSV. */
  | 'source_failed'
  | 'cancelled'
  | 'forbidden'
  | 'internal';

/** A job that failed or was cancelled (an import says how far it got in `result`). */
export interface JobFailed {
  jobId: string;
  kind: JobKind;
  ok: false;
  error: ApiErrorData;
  result?: ImportSummary;
}
export type ImportFinished = { jobId: string; kind: 'import' | 'sample'; ok: true; result: ImportSummary } | JobFailed;
export type ExportFinished = { jobId: string; kind: 'export'; ok: true; result: ExportSummary } | JobFailed;
export type SyncFinished = { jobId: string; kind: 'sync'; ok: true; result: SyncReport } | JobFailed;
export type FeedFinished = { jobId: string; kind: 'feed'; ok: true; result: FeedPullReport } | JobFailed;
export type JobFinished = ImportFinished | ExportFinished | SyncFinished | FeedFinished;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export interface StoreInfo {
  dbPath: string;
  users: number;
  accounts: number;
}

/** A saved segment as clients see it. */
export interface SegmentInfo {
  name: string;
  entity: 'users' | 'accounts';
  kind: 'query' | 'list';
  /** The query, or null for a static list. */
  query: string | null;
  /** Profiles matching it now; null when its query no longer reads (see `error`). */
  count: number | null;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/** A static list read from CSV: the segment, and how its ids matched the profiles. */
export interface SegmentImport {
  segment: SegmentInfo;
  /** The column the ids came from: user_id, user_email or account_id. */
  column: string;
  rows: number;
  matched: number;
  unmatchedCount: number;
  /** The first 100 ids that matched no profile. */
  unmatched: string[];
}
