/**
 * The API contract, declared once: every method with its input schema and output type, and
 * every event. The dispatcher validates inputs against it; the handler object is typed against
 * it (a missing method fails to compile); the renderer client and both transports derive from it.
 */
import { z } from 'zod';
import { FILTER_LIMITS, filterLimitError, type Filter } from './filter';
import type { SessionVolume } from './analytics';
import {
  sourceDefinition,
  SOURCE_KINDS,
  type ConnectionInfo,
  type SourceInfo,
  type SourcePreview,
  type SourceTable,
  type SyncRun,
} from './attributes';
import { feedDefinition, type FeedFile, type FeedInfo, type FeedRun } from './feeds';
import type { AttributeSpec, ProfileRow } from './keys';
import type {
  AccountDetail,
  JobFinished,
  JobProgress,
  SegmentImport,
  SegmentInfo,
  StoreInfo,
  UserDetail,
} from './types';

const key = z.string().min(1).max(200);
const filterValue = z.union([z.string(), z.number()]);

export const filterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('and'), items: z.array(filterSchema).max(FILTER_LIMITS.nodes) }),
    z.object({ op: z.literal('or'), items: z.array(filterSchema).max(FILTER_LIMITS.nodes) }),
    z.object({ op: z.literal('not'), item: filterSchema }),
    z.object({ op: z.literal('text'), text: z.string().max(1000), phrase: z.boolean().optional() }),
    z.object({ op: z.literal('eq'), key, value: filterValue }),
    z.object({ op: z.literal('in'), key, values: z.array(filterValue).max(FILTER_LIMITS.inValues) }),
    z.object({ op: z.literal('contains'), key, value: z.string().max(1000) }),
    z.object({ op: z.literal('like'), key, pattern: z.string().max(1000) }),
    z.object({ op: z.literal('exists'), key }),
    z.object({ op: z.literal('segment'), name: z.string().min(1).max(200) }),
    z.object({
      op: z.literal('range'),
      key,
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
    }),
  ]),
) as z.ZodType<Filter>;

/**
 * A whole filter, within FILTER_LIMITS. The dispatcher bounds the nesting of every input before
 * this runs (see inputDepthError), so the recursive parse above cannot overflow the stack.
 */
const rootFilter = filterSchema.superRefine((filter, ctx) => {
  const error = filterLimitError(filter);
  if (error !== null) ctx.addIssue({ code: 'custom', message: error });
});

/** Files one import may take (the browser host also lets this many uploads wait for one). */
export const MAX_IMPORT_PATHS = 1000;

const sortSchema = z.array(z.object({ key, dir: z.enum(['asc', 'desc']) })).max(10);

/** Queries in the language are at most this long (a pasted list of ids fits; a book doesn't). */
export const MAX_QUERY_LENGTH = 20_000;
const segmentName = z.string().trim().min(1).max(200);

/**
 * Which profiles: a query in the language, a saved segment and column filters, all optional
 * and combined with AND (main/core/segments/selection.ts).
 */
const selection = {
  query: z.string().max(MAX_QUERY_LENGTH).optional(),
  segment: segmentName.optional(),
  filter: rootFilter.nullable().default(null),
};

const pageInput = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
  sort: sortSchema.default([]),
  ...selection,
});
const countInput = z.object(selection);
const idInput = z.object({ id: z.string().min(1).max(1000) });
const valuesInput = z.object({
  key,
  ...selection,
  limit: z.number().int().min(1).max(1000).default(200),
});
const entity = z.enum(['users', 'accounts']);
const segmentsListInput = z.object({ entity: entity.optional() }).default({});
const segmentSaveInput = z.object({
  name: segmentName,
  entity,
  query: z.string().max(MAX_QUERY_LENGTH),
  /** Replace the query of an existing segment of that name instead of refusing. */
  replace: z.boolean().default(false),
});
const segmentImportInput = z.object({
  name: segmentName,
  entity,
  /** A CSV file, named like an import's files (a host path, or an upload id in the browser). */
  path: z.string().min(1).max(4096),
  replace: z.boolean().default(false),
});
const segmentNameInput = z.object({ name: segmentName });
const segmentRenameInput = z.object({ name: segmentName, newName: segmentName });
const exportInput = z.object({
  entity,
  ...selection,
  sort: sortSchema.default([]),
  columns: z.array(key).min(1).max(200).optional(),
  formulaGuard: z.boolean().default(true),
  bom: z.boolean().default(false),
  /** Where to write: a host path (Electron: chosen in the save dialog), or "download" in the browser host. */
  target: z.string().min(1).max(4096),
});
const timeText = z.string().min(1).max(100);
const sessionsInput = z.object({
  ...selection,
  interval: z.enum(['day', 'week']).default('day'),
  /** ISO dates or times, or relative (`now-90d`); default: the last 90 days of the store's data. */
  from: timeText.optional(),
  to: timeText.optional(),
  breakdown: key.optional(),
  top: z.number().int().min(1).max(50).default(5),
});
const none = z.object({}).default({});

const connectionName = z.string().trim().min(1).max(200);
const connectionSaveInput = z.object({
  /** The connection to edit (by its current name); absent: a new one. */
  current: connectionName.optional(),
  name: connectionName,
  kind: z.enum(['salesforce', 'snowflake']),
  /**
   * Flat fields as in common/attributes.ts (validated there by kind). Editing: a secret left out
   * keeps its saved value.
   */
  fields: z.record(z.string().max(100), z.string().max(20_000)),
});
const connectionNameInput = z.object({ name: connectionName });
const oauthStartInput = z.object({
  name: connectionName,
  /** Where the login page sends the browser back (the host's callback). */
  redirectUri: z.string().min(1).max(2000),
});
const oauthFinishInput = z.object({ state: z.string().min(1).max(200), code: z.string().min(1).max(5000) });
/** Which table-holding thing to browse: a saved connection, or a CSV file. */
const sourceLocation = {
  kind: z.enum(SOURCE_KINDS),
  connection: connectionName.optional(),
  path: z.string().min(1).max(4096).optional(),
};
const tablesInput = z.object({ ...sourceLocation, search: z.string().max(200).optional() });
const previewInput = z.object({
  ...sourceLocation,
  table: z.string().trim().min(1).max(500).optional(),
  entity: entity.optional(),
  /** With entity: count how the first rows would match profiles. */
  join: z.object({ column: z.string().min(1).max(300), attribute: key }).optional(),
  limit: z.number().int().min(1).max(1000).default(20),
});
const sourceSaveInput = z.object({
  source: sourceDefinition,
  /** Replace the saved source of that name (its values stay until the new sync succeeds). */
  replace: z.boolean().default(false),
  /** Start the first sync at once. */
  sync: z.boolean().default(true),
});
const sourceNameInput = z.object({ name: z.string().trim().min(1).max(100) });
const historyInput = z.object({ name: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(500).default(50) });
const feedSaveInput = z.object({
  feed: feedDefinition,
  /** The feed to edit (by its current name); absent: a new one. Editing keeps secrets left out. */
  current: z.string().trim().min(1).max(100).optional(),
  /** Start a pull at once. */
  pull: z.boolean().default(false),
});
const feedTestInput = z.union([
  z.object({ name: z.string().trim().min(1).max(100) }),
  /** An unsaved feed (the form's); with `current`, secrets left out come from that saved feed. */
  z.object({ feed: feedDefinition, current: z.string().trim().min(1).max(100).optional() }),
]);
const feedPauseInput = z.object({ name: z.string().trim().min(1).max(100), paused: z.boolean() });

export interface ValueCount {
  value: string;
  count: number;
}

/** A method: its input schema and (phantom) output type. */
interface Method<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
const method = <I extends z.ZodType, O>(input: I): Method<I, O> => ({ input });

export const methods = {
  'users.page': method<typeof pageInput, { rows: ProfileRow[] }>(pageInput),
  'users.count': method<typeof countInput, { count: number }>(countInput),
  'users.get': method<typeof idInput, UserDetail>(idInput),
  'users.values': method<typeof valuesInput, { values: ValueCount[] }>(valuesInput),
  'accounts.page': method<typeof pageInput, { rows: ProfileRow[] }>(pageInput),
  'accounts.count': method<typeof countInput, { count: number }>(countInput),
  'accounts.get': method<typeof idInput, AccountDetail>(idInput),
  'accounts.values': method<typeof valuesInput, { values: ValueCount[] }>(valuesInput),
  /** Paths on the host; in the browser host, upload ids returned by `POST /upload`. */
  'imports.start': method<z.ZodType<{ paths: string[] }>, { jobId: string }>(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_IMPORT_PATHS) }),
  ),
  /** Loads the bundled sample data set. */
  'imports.sample': method<typeof none, { jobId: string }>(none),
  'jobs.cancel': method<z.ZodType<{ jobId: string }>, { cancelled: boolean }>(
    z.object({ jobId: z.string().min(1).max(100) }),
  ),
  'jobs.list': method<typeof none, { jobs: JobProgress[] }>(none),
  'store.info': method<typeof none, StoreInfo>(none),
  /** Small UI preferences (grid layouts) kept in the store. */
  'prefs.get': method<z.ZodType<{ key: string }>, { value: unknown }>(
    z.object({ key: z.string().min(1).max(200) }),
  ),
  'prefs.set': method<z.ZodType<{ key: string; value: unknown }>, Record<string, never>>(
    z.object({ key: z.string().min(1).max(200), value: z.unknown() }),
  ),
  /** Saved segments with their live counts. */
  'segments.list': method<typeof segmentsListInput, { segments: SegmentInfo[] }>(segmentsListInput),
  'segments.save': method<typeof segmentSaveInput, SegmentInfo>(segmentSaveInput),
  /** A static list from a CSV with a user_id or user_email (account_id) column. */
  'segments.import': method<typeof segmentImportInput, SegmentImport>(segmentImportInput),
  'segments.rename': method<typeof segmentRenameInput, SegmentInfo>(segmentRenameInput),
  'segments.duplicate': method<typeof segmentRenameInput, SegmentInfo>(segmentRenameInput),
  'segments.delete': method<typeof segmentNameInput, Record<string, never>>(segmentNameInput),
  /** Every matching row to CSV, as a job (`job.finished` carries an ExportSummary). */
  'exports.start': method<typeof exportInput, { jobId: string }>(exportInput),
  /** Sessions per day or week for the matching users. */
  'sessions.volume': method<typeof sessionsInput, SessionVolume>(sessionsInput),
  /** Every attribute of each kind of profile: the built-in ones, then the custom ones by source. */
  'attributes.list': method<typeof none, { user: AttributeSpec[]; account: AttributeSpec[] }>(none),
  /** Saved Salesforce and Snowflake connections, without their secrets. */
  'connections.list': method<typeof none, { connections: ConnectionInfo[] }>(none),
  'connections.save': method<typeof connectionSaveInput, ConnectionInfo>(connectionSaveInput),
  /** Logs in and reports who the source says we are. */
  'connections.test': method<typeof connectionNameInput, { identity: string }>(connectionNameInput),
  /** Removes a connection and its secrets (refused while a source uses it). */
  'connections.forget': method<typeof connectionNameInput, Record<string, never>>(connectionNameInput),
  /** Salesforce web-server flow: the login page to open (with PKCE); the host catches the redirect. */
  'connections.oauthStart': method<typeof oauthStartInput, { url: string; state: string }>(oauthStartInput),
  'connections.oauthFinish': method<typeof oauthFinishInput, ConnectionInfo>(oauthFinishInput),
  /** The tables a connection can read (Salesforce objects, Snowflake tables and views), or a CSV file. */
  'sources.tables': method<typeof tablesInput, { tables: SourceTable[] }>(tablesInput),
  /** A table's columns and first rows, and with a join how those rows match profiles. */
  'sources.preview': method<typeof previewInput, SourcePreview>(previewInput),
  'sources.list': method<z.ZodType<{ entity?: 'users' | 'accounts' }>, { sources: SourceInfo[] }>(segmentsListInput),
  /** Saves a source and (by default) starts its first sync; `jobId` is that sync. */
  'sources.save': method<typeof sourceSaveInput, { source: SourceInfo; jobId: string | null }>(sourceSaveInput),
  /** Removes a source and its attributes everywhere. */
  'sources.remove': method<typeof sourceNameInput, Record<string, never>>(sourceNameInput),
  /** Syncs a source now, as a job (`job.finished` carries a SyncReport). */
  'sources.sync': method<typeof sourceNameInput, { jobId: string }>(sourceNameInput),
  'sources.history': method<typeof historyInput, { runs: SyncRun[] }>(historyInput),
  /** Pulled feeds (Datadog RUM Events API, URLs, watched folders) without their secrets. */
  'feeds.list': method<typeof none, { feeds: FeedInfo[] }>(none),
  /** Adds or edits a feed; with `pull`, `jobId` is its first pull. */
  'feeds.save': method<typeof feedSaveInput, { feed: FeedInfo; jobId: string | null }>(feedSaveInput),
  /** Checks a feed can be read (keys, query, URL, folder) without importing anything. */
  'feeds.test': method<typeof feedTestInput, { message: string }>(feedTestInput),
  /** Pulls a feed now, as a job (`job.finished` carries a FeedPullReport). */
  'feeds.pull': method<typeof sourceNameInput, { jobId: string }>(sourceNameInput),
  'feeds.pause': method<typeof feedPauseInput, FeedInfo>(feedPauseInput),
  /** Removes a feed (cancelling its pull); the profiles it imported stay. */
  'feeds.remove': method<typeof sourceNameInput, Record<string, never>>(sourceNameInput),
  /** Its pulls, newest first, and for a folder feed the files it has seen. */
  'feeds.history': method<typeof historyInput, { runs: FeedRun[]; files: FeedFile[] }>(historyInput),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Events pushed from the core to every connected client. */
export interface Events {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  'profiles.changed': { kinds: Array<'user' | 'account'> };
  /** Segments were saved, renamed or deleted. */
  'segments.changed': Record<string, never>;
  /** Connections or sources were saved or removed, or a sync ended: attribute lists may have changed. */
  'sources.changed': Record<string, never>;
  /** Feeds were saved, paused or removed, or a pull ended. */
  'feeds.changed': Record<string, never>;
}
export type EventName = keyof Events;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: Events[E];
}

/** The handler object every host dispatches to: one function per method. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
