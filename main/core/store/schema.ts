/**
 * The store's drizzle schema. Migrations in ./migrations are generated from it by drizzle-kit
 * (`npm run db:generate`) and are append-only; FTS tables, triggers and NOCASE indexes, which
 * drizzle can't express, live in custom migrations beside them.
 *
 * Detail rows are keyed by the profile's `user_id` rather than the row id, so an import can
 * write them before it writes the user row, and write each user row once per file.
 *
 * Merging rule storage: every "latest/earliest event that has a non-empty X" attribute keeps
 * the time of the event it came from (`*_at`), so a later import of older or newer events can
 * decide who wins without the raw events. Times are ms since epoch.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumnBuilderBase,
} from 'drizzle-orm/sqlite-core';
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';

type Columns = Record<string, SQLiteColumnBuilderBase>;

/** An attribute with the time of the event it came from. */
const tracked = (name: string): Columns => ({
  [name]: text(name),
  [`${name}_at`]: integer(`${name}_at`),
});

const firstLastColumns: Columns = Object.assign(
  {},
  ...FIRST_LAST_SUFFIXES.flatMap((s) => [tracked(`first_${s}`), tracked(`last_${s}`)]),
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  user_id: text('user_id').notNull().unique(),
  ...tracked('user_email'),
  ...tracked('user_name'),
  ...tracked('account_id'),
  first_seen: integer('first_seen').notNull(),
  last_seen: integer('last_seen').notNull(),
  ...firstLastColumns,
  session_count: integer('session_count').notNull().default(0),
  view_count: integer('view_count').notNull().default(0),
  action_count: integer('action_count').notNull().default(0),
  error_count: integer('error_count').notNull().default(0),
});

export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey(),
  account_id: text('account_id').notNull().unique(),
  ...tracked('account_name'),
  first_seen: integer('first_seen').notNull(),
  last_seen: integer('last_seen').notNull(),
  user_count: integer('user_count').notNull().default(0),
  session_count: integer('session_count').notNull().default(0),
});

/** One row per (user, session): the session history of the profile detail. */
export const userSessions = sqliteTable(
  'user_sessions',
  {
    user_id: text('user_id').notNull(),
    session_id: text('session_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    view_count: integer('view_count').notNull().default(0),
    action_count: integer('action_count').notNull().default(0),
    error_count: integer('error_count').notNull().default(0),
    ...tracked('application_id'),
    ...tracked('country_code'),
    ...tracked('device_type'),
    ...tracked('browser_name'),
    ...tracked('os_name'),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.session_id] }), index('user_sessions_start').on(t.user_id, t.start)],
);

/** Distinct views per user (a view re-sent with rising document versions is one row). */
export const userViews = sqliteTable(
  'user_views',
  {
    user_id: text('user_id').notNull(),
    view_id: text('view_id').notNull(),
    session_id: text('session_id'),
    path: text('path'),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.view_id] })],
);

export const userActions = sqliteTable(
  'user_actions',
  {
    user_id: text('user_id').notNull(),
    action_id: text('action_id').notNull(),
    session_id: text('session_id'),
    name: text('name'),
    type: text('type'),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.action_id] })],
);

export const userErrors = sqliteTable(
  'user_errors',
  {
    user_id: text('user_id').notNull(),
    error_id: text('error_id').notNull(),
    session_id: text('session_id'),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.error_id] })],
);

export const accountUsers = sqliteTable(
  'account_users',
  {
    aid: integer('aid').notNull(),
    user_id: text('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.aid, t.user_id] })],
);

export const accountSessions = sqliteTable(
  'account_sessions',
  {
    aid: integer('aid').notNull(),
    session_id: text('session_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.aid, t.session_id] })],
);

/** Small UI preferences (grid layouts), JSON values. */
export const prefs = sqliteTable('prefs', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updated_at: integer('updated_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/**
 * Saved segments: a query (the text is the source of truth, re-read at every use so it follows
 * the language), or a static list of profile ids in segment_members. Names are unique without
 * regard to case (a custom unique index in the migration).
 */
export const segments = sqliteTable('segments', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  entity: text('entity', { enum: ['users', 'accounts'] }).notNull(),
  /** Null for a static list. */
  query: text('query'),
  created_at: integer('created_at').notNull(),
  updated_at: integer('updated_at').notNull(),
});

/** The profiles of a static-list segment, by user_id or account_id. */
export const segmentMembers = sqliteTable(
  'segment_members',
  {
    segment_id: integer('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    member: text('member').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segment_id, t.member] })],
);

/**
 * Saved Salesforce and Snowflake connections (ARCHITECTURE.md §10): `fields` is the JSON of the
 * non-secret fields; `secrets` is the JSON of the secret ones sealed by the host's cipher,
 * never plain text. Names are unique without regard to case (custom index in the migration).
 */
export const connections = sqliteTable('connections', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['salesforce', 'snowflake'] }).notNull(),
  fields: text('fields').notNull(),
  secrets: text('secrets'),
  identity: text('identity'),
  created_at: integer('created_at').notNull(),
  updated_at: integer('updated_at').notNull(),
});

/**
 * Custom attribute sources. A source's values live in a table of their own, named in
 * `values_table` (`source_values_<id>_<generation>`, created by the sync): a sync fills a new
 * generation and switches to it in one transaction, so readers never see half a sync.
 */
export const sources = sqliteTable('sources', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['csv', 'salesforce', 'snowflake'] }).notNull(),
  entity: text('entity', { enum: ['users', 'accounts'] }).notNull(),
  connection_id: integer('connection_id').references(() => connections.id),
  path: text('path'),
  table_name: text('table_name'),
  join_column: text('join_column').notNull(),
  join_attribute: text('join_attribute').notNull(),
  /** JSON of the Schedule. */
  schedule: text('schedule').notNull(),
  values_table: text('values_table'),
  created_at: integer('created_at').notNull(),
  updated_at: integer('updated_at').notNull(),
});

/** The attributes a source imports; names are unique per entity among all sources. */
export const sourceAttributes = sqliteTable('source_attributes', {
  id: integer('id').primaryKey(),
  source_id: integer('source_id')
    .notNull()
    .references(() => sources.id, { onDelete: 'cascade' }),
  entity: text('entity', { enum: ['users', 'accounts'] }).notNull(),
  name: text('name').notNull(),
  column_name: text('column_name').notNull(),
  type: text('type', { enum: ['text', 'number', 'boolean', 'time'] }).notNull(),
  label: text('label').notNull(),
  position: integer('position').notNull(),
  /** Distinct values at the last sync: few make a text attribute a set filter and a chart breakdown. */
  distinct_values: integer('distinct_values'),
});

/** Every sync of a source: its outcome and counts; `report` is the JSON of the first unmatched and duplicate keys. */
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey(),
    source_id: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['manual', 'schedule', 'save'] }).notNull(),
    status: text('status', { enum: ['running', 'ok', 'failed', 'cancelled'] }).notNull(),
    started_at: integer('started_at').notNull(),
    finished_at: integer('finished_at'),
    rows: integer('rows').notNull().default(0),
    matched: integer('matched').notNull().default(0),
    unmatched: integer('unmatched').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    blank_keys: integer('blank_keys').notNull().default(0),
    duration_ms: integer('duration_ms'),
    error: text('error'),
    report: text('report'),
    /** The process running it, so a run left 'running' by a killed process can be told from a live one. */
    pid: integer('pid'),
  },
  (t) => [index('sync_runs_source').on(t.source_id, t.started_at)],
);

/**
 * Pulled feeds (ARCHITECTURE.md §11). `settings` is the JSON of the non-secret settings,
 * `secrets` the JSON of the secret ones (API keys, header values) sealed by the host's cipher.
 * The checkpoint is committed with each Datadog page: `cursor` and the pull's window while a
 * pull is under way (so an interrupted one resumes), `high_water` how far the committed events
 * reach. A url feed keeps the validators of the content it last imported.
 */
export const feeds = sqliteTable('feeds', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['datadog', 'url', 'folder'] }).notNull(),
  settings: text('settings').notNull(),
  secrets: text('secrets'),
  /** JSON of the Schedule. */
  schedule: text('schedule').notNull(),
  paused: integer('paused').notNull().default(0),
  cursor: text('cursor'),
  window_from: integer('window_from'),
  window_to: integer('window_to'),
  high_water: integer('high_water'),
  covered_from: integer('covered_from'),
  etag: text('etag'),
  last_modified: text('last_modified'),
  content_hash: text('content_hash'),
  created_at: integer('created_at').notNull(),
  updated_at: integer('updated_at').notNull(),
});

/** Every pull of a feed: its outcome and counts; `report` is the JSON of an import summary. */
export const feedRuns = sqliteTable(
  'feed_runs',
  {
    id: integer('id').primaryKey(),
    feed_id: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['manual', 'schedule', 'watch', 'save'] }).notNull(),
    status: text('status', { enum: ['running', 'ok', 'failed', 'cancelled'] }).notNull(),
    started_at: integer('started_at').notNull(),
    finished_at: integer('finished_at'),
    duration_ms: integer('duration_ms'),
    pages: integer('pages').notNull().default(0),
    events: integer('events').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    from_ms: integer('from_ms'),
    to_ms: integer('to_ms'),
    not_modified: integer('not_modified').notNull().default(0),
    files: integer('files').notNull().default(0),
    failed_files: integer('failed_files').notNull().default(0),
    error: text('error'),
    report: text('report'),
    /** The process running it, so a run left 'running' by a killed process can be told from a live one. */
    pid: integer('pid'),
  },
  (t) => [index('feed_runs_feed').on(t.feed_id, t.started_at)],
);

/** The files a folder feed has seen, once each (a file that changes is seen again). */
export const feedFiles = sqliteTable(
  'feed_files',
  {
    id: integer('id').primaryKey(),
    feed_id: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    bytes: integer('bytes').notNull(),
    mtime_ms: integer('mtime_ms').notNull(),
    status: text('status', { enum: ['imported', 'failed'] }).notNull(),
    events: integer('events').notNull().default(0),
    error: text('error'),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('feed_files_seen').on(t.feed_id, t.name, t.bytes, t.mtime_ms)],
);
