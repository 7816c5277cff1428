/**
 * `profile-desk feeds add --file FEED.json [--replace] [--pull] [--json]`, `feeds list [--json]`,
 * `feeds pull NAME [--json] [--progress]`, `feeds remove NAME`, `feeds pause NAME`,
 * `feeds resume NAME`: pulled feeds (the Datadog RUM Events API, a URL, a folder) through the
 * dispatcher, like the app's Feeds section. Pulls are jobs followed through their events; the
 * CLI pulls only when asked (schedules and folder watching belong to the app and `serve`).
 */
import type { FeedInfo, FeedPullReport } from '../../common/feeds';
import { JobStartError, callAndFollow, type FollowedJob } from '../../common/jobs';
import type { FeedFinished } from '../../common/types';
import { booleanFlag, parseFlags, stringFlag, type ParsedFlags } from './args';
import { call, withCore } from './core';
import { CliError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { missingSecrets, readFeedFile } from './feed-file';
import { feedWhere, followPull, pullCounts, pullProgressText, scheduleText } from './feed-report';
import { writeErr, writeOut } from './output';
import { createProgressLine, type ProgressLine } from './progress';
import { apiError } from './query-errors';
import { problemLines } from './summary';
import { cell, renderTable, type Column } from './table';
import type { Core } from '../core/types';

const SUBCOMMANDS = 'add, list, pull, pause, resume, remove';

const LIST_COLUMNS: Column[] = [
  { key: 'name', header: 'name', max: 30 },
  { key: 'kind', header: 'kind' },
  { key: 'where', header: 'where', max: 50 },
  { key: 'schedule', header: 'schedule' },
  { key: 'paused', header: 'paused' },
  { key: 'covered', header: 'covered (UTC)', max: 40 },
  { key: 'lastPull', header: 'last pull', max: 40 },
  { key: 'when', header: 'when (UTC)' },
  { key: 'events', header: 'events', numeric: true },
];

/** The one NAME argument of pull, remove, pause and resume. */
function nameArgument(parsed: ParsedFlags, usage: string): string {
  const [name, extra] = parsed.positionals;
  if (name === undefined || extra !== undefined) throw new UsageError(`Usage: ${usage}`);
  return name;
}

function lastPullText(f: FeedInfo): string {
  if (f.pullJobId !== null) return 'pulling';
  if (f.lastPull === null) return f.resumable ? 'interrupted (resumes)' : 'never pulled';
  const { status, notModified } = f.lastPull;
  const text = status === 'ok' && notModified ? 'ok, not modified' : status;
  return f.resumable && status !== 'ok' ? `${text} (resumes)` : text;
}

function listRow(f: FeedInfo): Record<string, unknown> {
  return {
    name: f.name,
    kind: f.kind,
    where: feedWhere(f),
    schedule: scheduleText(f.schedule),
    paused: f.paused ? 'yes' : 'no',
    covered: f.covered ? `${cell(f.covered.from)} to ${cell(f.covered.to)}` : '',
    lastPull: lastPullText(f),
    when: f.lastPull?.finishedAt ?? f.lastPull?.startedAt ?? null,
    events: f.lastPull?.events ?? null,
  };
}

async function listFeeds(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('feeds list', args, { json: 'boolean' }, { positionals: false });
  return withCore(dbPath, async (core) => {
    const { feeds } = await call(core, 'feeds.list', {});
    if (booleanFlag(parsed, 'json')) {
      await writeOut(`${JSON.stringify({ feeds }, null, 2)}\n`);
      return EXIT_OK;
    }
    if (feeds.length === 0) {
      await writeOut('No feeds.\n');
      return EXIT_OK;
    }
    await writeOut(`${renderTable(LIST_COLUMNS, feeds.map(listRow)).join('\n')}\n`);
    for (const f of feeds) {
      if (f.lastPull?.status === 'failed') writeErr(`feed "${f.name}": last pull failed: ${f.lastPull.error ?? 'unknown error'}`);
    }
    return EXIT_OK;
  }, { existing: true });
}

/**
 * Prints a finished pull: the report (with --json the whole FeedPullReport, or `{...extra, pull}`),
 * then a folder's or URL's failed files and skipped records on stderr.
 */
async function printPull(report: FeedPullReport, feed: FeedInfo | undefined, json: boolean, head: string, extra?: object): Promise<number> {
  if (json) await writeOut(`${JSON.stringify(extra ? { ...extra, pull: report } : report, null, 2)}\n`);
  else await writeOut(`${head}${pullCounts(report)}.\n`);
  if (report.summary) {
    // A URL's content is read from a private download: name the URL instead.
    const display = feed?.kind === 'url' ? () => feedWhere(feed) : undefined;
    for (const line of problemLines(report.summary, { display })) writeErr(line);
  }
  // Like `import`: files that could not be imported make the command fail (they are listed, and not retried until they change).
  return report.failedFiles > 0 ? EXIT_FAILED : EXIT_OK;
}

interface PullWording {
  /** Before the reason of a failed pull. */
  failed: string;
  cancelled: string;
  /** Before the report's counts. */
  done: string;
}

/** Follows a pull job to its end and prints it; 130 when it was cancelled. */
async function finishPull(job: FollowedJob<FeedFinished>, feed: FeedInfo | undefined, progress: ProgressLine | null, json: boolean, words: PullWording, extra?: object): Promise<number> {
  const outcome = await followPull(job, progress, words.failed, feed);
  if ('cancelled' in outcome) {
    writeErr(`${words.cancelled} (what it committed stays; the next pull resumes from there).`, '');
    return EXIT_INTERRUPTED;
  }
  return printPull(outcome.report, feed, json, words.done, extra);
}

/** The saved feed of that name; the core keeps names unique regardless of case, so this matches without case too. */
async function findFeed(core: Core, name: string): Promise<FeedInfo | undefined> {
  const { feeds } = await call(core, 'feeds.list', {});
  const key = name.trim().toLowerCase();
  return feeds.find((f) => f.name === name) ?? feeds.find((f) => f.name.toLowerCase() === key);
}

async function addFeed(args: string[], dbPath: string): Promise<number> {
  const usage = 'profile-desk feeds add --file FEED.json [--replace] [--pull] [--json] [--progress]';
  const parsed = parseFlags('feeds add', args, { file: 'string', replace: 'boolean', pull: 'boolean', json: 'boolean', progress: 'boolean' }, { positionals: false });
  const file = stringFlag(parsed, 'file');
  if (file === undefined) throw new UsageError(`Missing --file FEED.json (${usage})`);
  const json = booleanFlag(parsed, 'json');
  // Everything in the file is checked (and its variables read) before the store is opened.
  const feed = readFeedFile(file);
  const name = feed.name.trim();
  const progress = createProgressLine(process.stderr, Date.now, booleanFlag(parsed, 'progress'), pullProgressText);

  return withCore(dbPath, async (core) => {
    const existing = await findFeed(core, name);
    if (existing && !booleanFlag(parsed, 'replace')) throw new CliError(`A feed named "${existing.name}" exists (add --replace to change it).`);
    const missing = existing ? [] : missingSecrets(feed);
    if (missing.length > 0) throw new CliError(missing.map((key) => `${file}: ${key}: missing (a string, or {"env": "VARIABLE"})`).join('\n'), EXIT_USAGE);
    // Pausing is done with `feeds pause`: a file that does not say keeps the feed as it is.
    const input = existing ? { feed: { paused: existing.paused, ...feed }, current: existing.name } : { feed };
    const { value, job } = await callAndFollow<'feeds.save', FeedFinished>(
      core,
      'feeds.save',
      { ...input, pull: booleanFlag(parsed, 'pull') },
      (v) => v.jobId,
      (p) => progress?.update(p),
    ).catch((err: unknown) => {
      // The core names the field it refuses: say in which file.
      if (err instanceof JobStartError) throw apiError(err.error, undefined, err.error.code === 'invalid_input' ? `${file}: ` : '');
      throw err;
    });
    const saved = value.feed;
    const what = `${existing ? 'Updated' : 'Saved'} feed "${saved.name}"`;
    if (job === null) {
      if (json) await writeOut(`${JSON.stringify({ feed: saved, pull: null }, null, 2)}\n`);
      else await writeOut(`${what} (${saved.kind}, ${feedWhere(saved)}; pull it with: profile-desk feeds pull "${saved.name}").\n`);
      return EXIT_OK;
    }
    return finishPull(job, saved, progress, json, {
      failed: `${what}, but its first pull failed: `,
      cancelled: `${what}; its first pull was cancelled`,
      done: `${what} and pulled it: `,
    }, { feed: saved });
  });
}

async function pullFeed(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('feeds pull', args, { json: 'boolean', progress: 'boolean' });
  const name = nameArgument(parsed, 'profile-desk feeds pull NAME [--json] [--progress]');
  const progress = createProgressLine(process.stderr, Date.now, booleanFlag(parsed, 'progress'), pullProgressText);
  return withCore(dbPath, async (core) => {
    const feed = await findFeed(core, name);
    let job;
    try {
      ({ job } = await callAndFollow<'feeds.pull', FeedFinished>(core, 'feeds.pull', { name }, (v) => v.jobId, (p) => progress?.update(p)));
    } catch (err) {
      if (err instanceof JobStartError) throw apiError(err.error, undefined, 'Pull not started: ');
      throw err;
    }
    return finishPull(job!, feed, progress, booleanFlag(parsed, 'json'), {
      failed: `Pull of "${name}" failed: `,
      cancelled: `Pull of "${name}" cancelled`,
      done: `Pulled "${name}": `,
    });
  }, { existing: true });
}

async function pauseFeed(args: string[], dbPath: string, paused: boolean): Promise<number> {
  const command = paused ? 'pause' : 'resume';
  const parsed = parseFlags(`feeds ${command}`, args, {});
  const name = nameArgument(parsed, `profile-desk feeds ${command} NAME`);
  return withCore(dbPath, async (core) => {
    const feed = await call(core, 'feeds.pause', { name, paused });
    if (paused) await writeOut(`Paused feed "${feed.name}": it pulls only when asked (profile-desk feeds pull "${feed.name}").\n`);
    else await writeOut(`Resumed feed "${feed.name}"${feed.nextPullAt ? `; next pull ${cell(feed.nextPullAt)} (UTC)` : ''}.\n`);
    return EXIT_OK;
  }, { existing: true });
}

async function removeFeed(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('feeds remove', args, {});
  const name = nameArgument(parsed, 'profile-desk feeds remove NAME');
  return withCore(dbPath, async (core) => {
    await call(core, 'feeds.remove', { name });
    await writeOut(`Removed feed "${name}" (the profiles it imported stay).\n`);
    return EXIT_OK;
  }, { existing: true });
}

export async function feedsCommand(args: string[], dbPath: string): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return addFeed(rest, dbPath);
    case 'list':
      return listFeeds(rest, dbPath);
    case 'pull':
      return pullFeed(rest, dbPath);
    case 'pause':
      return pauseFeed(rest, dbPath, true);
    case 'resume':
      return pauseFeed(rest, dbPath, false);
    case 'remove':
      return removeFeed(rest, dbPath);
    case undefined:
      throw new UsageError(`Missing subcommand: profile-desk feeds ${SUBCOMMANDS.replace(/, /g, '|')}`);
    default:
      throw new UsageError(`Unknown subcommand "feeds ${sub}" (known: ${SUBCOMMANDS})`);
  }
}
