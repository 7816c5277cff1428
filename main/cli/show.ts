/** `profile-desk show user|account ID [--json]` */
import { getMethod } from '../../common/entities';
import { formatDuration, formatNumber } from '../../common/format';
import type { AttributeSpec, ProfileRow } from '../../common/keys';
import { SESSION_COLUMNS } from '../../common/sessions';
import type { AccountDetail, UserDetail } from '../../common/types';
import { booleanFlag, parseFlags } from './args';
import { call, withCore } from './core';
import { EXIT_OK, UsageError } from './errors';
import { writeOut } from './output';
import { cell, ISO_TIME, renderTable, type Column } from './table';

const SESSION_TABLE: Column[] = SESSION_COLUMNS.map((c) => ({
  key: c.key,
  header: c.type === 'time' ? `${c.label.toLowerCase()} (UTC)` : c.label.toLowerCase(),
  numeric: c.type === 'number' || c.type === 'duration',
}));

const PAGE_COLUMNS: Column[] = [
  { key: 'path', header: 'page', max: 80 },
  { key: 'visits', header: 'visits', numeric: true },
];

const ACTION_COLUMNS: Column[] = [
  { key: 'name', header: 'action', max: 60 },
  { key: 'type', header: 'type' },
  { key: 'count', header: 'count', numeric: true },
];

const USER_COLUMNS: Column[] = [
  { key: 'user_id', header: 'user id', max: 36 },
  { key: 'user_email', header: 'email' },
  { key: 'user_name', header: 'name', max: 30 },
  { key: 'last_seen', header: 'last seen (UTC)' },
  { key: 'session_count', header: 'sessions', numeric: true },
];

/**
 * The profile's attributes that have a value, labelled: the built-in ones, then each source's
 * custom ones under the source's name (`specs` from attributes.list, in that order).
 */
function attributeLines(specs: readonly AttributeSpec[], profile: ProfileRow): string[] {
  const present = specs.filter((a) => profile[a.key] !== null && profile[a.key] !== undefined);
  const width = Math.max(0, ...present.map((a) => a.label.length));
  // Full seconds here: a single profile is read closely, unlike a table row.
  const value = (v: unknown): string =>
    typeof v === 'string' && ISO_TIME.test(v) ? `${v.slice(0, 10)} ${v.slice(11, 19)} UTC` : cell(v, 200);
  const lines: string[] = [];
  let source: string | undefined;
  for (const a of present) {
    if (a.source !== undefined && a.source !== source) lines.push('', `From ${a.source}`);
    source = a.source;
    lines.push(`  ${a.label.padEnd(width)}  ${value(profile[a.key])}`);
  }
  return lines;
}

/** A titled table, or "none" when there are no rows. */
function section(title: string, columns: Column[], rows: readonly object[]): string[] {
  const lines = rows.length > 0 ? renderTable(columns, rows) : ['none'];
  return ['', title, ...lines.map((l) => `  ${l}`)];
}

function userText(detail: UserDetail, specs: readonly AttributeSpec[]): string[] {
  return [
    `User ${String(detail.profile.user_id)}`,
    ...attributeLines(specs, detail.profile),
    ...(detail.account
      ? ['', `Account  ${detail.account.account_id}${detail.account.account_name ? ` (${detail.account.account_name})` : ''}`]
      : []),
    ...section('Most visited pages', PAGE_COLUMNS, detail.pages),
    ...section('Frequent actions', ACTION_COLUMNS, detail.actions),
    ...section(
      `Sessions (${detail.sessions.length < detail.sessionTotal ? `latest ${formatNumber(detail.sessions.length)} of ` : ''}${formatNumber(detail.sessionTotal)})`,
      SESSION_TABLE,
      detail.sessions.map((s) => ({ ...s, duration_ms: formatDuration(s.duration_ms) })),
    ),
  ];
}

function accountText(detail: AccountDetail, specs: readonly AttributeSpec[]): string[] {
  const shown = detail.users.length < detail.userTotal ? `first ${formatNumber(detail.users.length)} of ` : '';
  return [
    `Account ${String(detail.profile.account_id)}`,
    ...attributeLines(specs, detail.profile),
    ...section(`Users (${shown}${formatNumber(detail.userTotal)})`, USER_COLUMNS, detail.users),
  ];
}

export async function showCommand(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('show', args, { json: 'boolean' });
  const [kind, id, extra] = parsed.positionals;
  if (kind !== 'user' && kind !== 'account') {
    throw new UsageError('Usage: profile-desk show user|account ID [--json]');
  }
  if (id === undefined || extra !== undefined) {
    throw new UsageError(`Usage: profile-desk show ${kind} ID [--json] (exactly one id)`);
  }
  const json = booleanFlag(parsed, 'json');
  return withCore(dbPath, async (core) => {
    const detail = await call(core, getMethod(kind), { id });
    if (json) await writeOut(`${JSON.stringify(detail, null, 2)}\n`);
    else {
      const specs = (await call(core, 'attributes.list', {}))[kind];
      const lines = kind === 'user' ? userText(detail as UserDetail, specs) : accountText(detail as AccountDetail, specs);
      await writeOut(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  }, { existing: true });
}
