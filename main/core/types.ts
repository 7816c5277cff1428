/** The core's public surface, as the three hosts (Electron, CLI, browser host) see it. */
import type { Writable } from 'node:stream';
import type { Dispatch } from './dispatcher';
import type { EventBus } from './events';
import type { ImportProgress } from './ingest/run-import';
import type { SecretCipher } from './secrets/secrets';

export type { ImportProgress } from './ingest/run-import';

export interface CoreOptions {
  /** The SQLite file; created with its folder when absent. */
  dbPath: string;
  /** Folder of the drizzle-kit migrations; defaults to the one beside the built core. */
  migrationsFolder?: string;
  /** better-sqlite3 built for Electron's ABI (the Node build stays in node_modules). */
  nativeBinding?: string;
  /** Injected clock, for tests. */
  now?: () => number;
  /** How `imports.start` resolves the names it is given; default: host paths as given. */
  importSources?: ImportSources;
  /** Where internal errors (method and stack) are logged, once; default: stderr. */
  log?: (line: string) => void;
  /** Where `exports.start` writes for a target it is given; default: host paths as given, `-` stdout. */
  exportTargets?: ExportTargets;
  /**
   * Seals connection secrets at rest (Electron: safeStorage). Default: AES-256-GCM with a key
   * file beside the store, readable by the user only (secrets/file-cipher.ts).
   */
  secrets?: SecretCipher;
  /** Opens a URL in the user's browser (Snowflake SSO); absent: SSO is refused with a message. */
  openBrowser?: (url: string) => void;
  /** Runs scheduled source syncs while the core is open (the app and `serve`; not the CLI). */
  scheduleSyncs?: boolean;
}

/** Where an export goes: a host file (written through a temp file beside it) or a stream. */
export type ExportDestination = { display: string; download?: string } & ({ path: string } | { stream: Writable });

/** A host's policy for the targets `exports.start` accepts (see export-targets.ts). */
export interface ExportTargets {
  /** The destination for a target; throws ApiError('forbidden' or 'invalid_input') when refused. */
  open(target: string): ExportDestination;
  /** The export to `destination` has ended; `ok` false when it failed or was cancelled. */
  finished?(destination: ExportDestination, ok: boolean): void;
}

/** A host's policy for the names `imports.start` accepts (see import-sources.ts). */
export interface ImportSources {
  /** The host path behind a name given to imports.start; throws ApiError('forbidden' or 'invalid_input') when refused. */
  resolve(name: string): string;
  /** How a host path is shown in job events and summaries (the browser host shows upload file names, not temp paths). */
  display(path: string): string;
  /** Paths resolved for a call that then failed (another name was refused): no job will read them. */
  release?(paths: string[]): void;
  /** Called when the job that read these host paths has finished (uploads delete their files). */
  finished?(paths: string[]): void;
  /** Resolved files are deleted once finished (uploads): a CSV source keeps its own copy. */
  temporary?: boolean;
  /**
   * A folder a feed may watch (ARCHITECTURE.md §11), as the host path to watch; throws
   * ApiError('forbidden') when refused. Absent: any absolute path (the CLI).
   */
  watchFolder?(path: string): string;
}

export interface ImportOptions {
  /** Raw progress (bytes, events); `progressRates` turns it into events/s and ETA. */
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/**
 * Hosts reach the core only through `dispatch` (validation included) and its events: imports
 * too are `imports.start` jobs followed by their events (common/jobs.ts), never a side door.
 */
export interface Core {
  readonly dbPath: string;
  /** Validates and runs one API call; never throws. */
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  close(): Promise<void>;
}
