/**
 * The Add/Edit feed form's values and their mapping to and from a FeedDefinition. Secrets are
 * write-only: a saved feed's secrets never come back (FeedInfo.secrets only names them), so the
 * form starts them empty and leaves them out of the definition when they stay empty, which
 * keeps the saved ones.
 */
import type { Schedule } from '../../../../common/attributes';
import {
  DATADOG_SITES,
  DEFAULT_LOOKBACK_MINUTES,
  feedDefinition,
  type DatadogSite,
  type FeedDefinition,
  type FeedInfo,
  type FeedKind,
} from '../../../../common/feeds';

export type ScheduleChoice = 'manual' | 'hourly' | 'daily' | 'every';
/** How a URL feed authenticates: nothing, `Authorization: Bearer …`, or one header of its own. */
export type AuthChoice = 'none' | 'bearer' | 'header';

export interface FeedFormValues {
  kind: FeedKind;
  name: string;
  schedule: ScheduleChoice;
  everyMinutes: number;
  paused: boolean;
  // Datadog
  site: DatadogSite;
  baseUrl: string;
  apiKey: string;
  appKey: string;
  query: string;
  from: string;
  lookbackMinutes: number;
  // URL
  url: string;
  auth: AuthChoice;
  token: string;
  headerName: string;
  headerValue: string;
  // Folder
  path: string;
}

/** The form's fields, as errors name them. */
export type FeedField = Exclude<keyof FeedFormValues, 'kind' | 'schedule' | 'paused' | 'auth'> | 'schedule';

export type FieldErrors = Partial<Record<FeedField, string>>;

const DEFAULT_EVERY_MINUTES = 30;
const BEARER = /^bearer\s+/i;

/** The saved header auth of a URL feed, from the secrets it names (`header:Authorization`). */
export function savedAuth(saved: FeedInfo | null): { auth: AuthChoice; headerName: string } {
  const headers = (saved?.secrets ?? []).filter((s) => s.startsWith('header:')).map((s) => s.slice('header:'.length));
  if (headers.length === 0) return { auth: 'none', headerName: '' };
  const custom = headers.find((h) => h.toLowerCase() !== 'authorization');
  if (custom) return { auth: 'header', headerName: custom };
  return { auth: 'bearer', headerName: '' };
}

function text(settings: Record<string, string | number> | undefined, key: string, fallback: string): string {
  const value = settings?.[key];
  return value === undefined ? fallback : String(value);
}

/** A new feed of `kind` with the defaults, or a saved one's settings (never its secrets). */
export function initialValues(kind: FeedKind, saved: FeedInfo | null = null): FeedFormValues {
  const s = saved?.settings;
  const schedule: Schedule = saved?.schedule ?? (kind === 'folder' ? 'manual' : 'hourly');
  const lookback = Number(s?.lookbackMinutes);
  const site = text(s, 'site', DATADOG_SITES[0]);
  return {
    kind: saved?.kind ?? kind,
    name: saved?.name ?? '',
    schedule: typeof schedule === 'string' ? schedule : 'every',
    everyMinutes: typeof schedule === 'string' ? DEFAULT_EVERY_MINUTES : schedule.everyMinutes,
    paused: saved?.paused ?? false,
    site: (DATADOG_SITES as readonly string[]).includes(site) ? (site as DatadogSite) : DATADOG_SITES[0],
    baseUrl: text(s, 'baseUrl', ''),
    apiKey: '',
    appKey: '',
    query: text(s, 'query', '*'),
    from: text(s, 'from', 'now-7d'),
    lookbackMinutes: Number.isFinite(lookback) && s?.lookbackMinutes !== undefined ? lookback : DEFAULT_LOOKBACK_MINUTES,
    url: text(s, 'url', ''),
    ...savedAuth(saved),
    token: '',
    headerValue: '',
    path: text(s, 'path', ''),
  };
}

/** The last part of a path, with either kind of slash. */
function lastSegment(path: string): string {
  return (
    path
      .split(/[\\/]+/)
      .filter((p) => p !== '')
      .pop() ?? ''
  );
}

/** A name for a feed whose name was left empty: "Datadog RUM", the URL's host, the folder's name. */
export function suggestedName(values: FeedFormValues): string {
  if (values.kind === 'datadog') return 'Datadog RUM';
  if (values.kind === 'url') {
    try {
      return new URL(values.url.trim()).host || 'Event URL';
    } catch {
      return 'Event URL';
    }
  }
  return lastSegment(values.path.trim()) || 'Watched folder';
}

function scheduleOf(values: FeedFormValues): Schedule {
  return values.schedule === 'every' ? { everyMinutes: values.everyMinutes } : values.schedule;
}

/** The headers a URL feed's definition carries: undefined keeps the saved ones, `{}` drops them. */
function headersOf(values: FeedFormValues, saved: FeedInfo | null): Record<string, string> | undefined {
  const hadHeaders = (saved?.secrets ?? []).some((s) => s.startsWith('header:'));
  if (values.auth === 'none') return hadHeaders ? {} : undefined;
  if (values.auth === 'bearer') {
    const token = values.token.trim();
    if (token === '') return undefined;
    return { Authorization: BEARER.test(token) ? token : `Bearer ${token}` };
  }
  const value = values.headerValue;
  if (value === '') return undefined;
  return { [values.headerName.trim()]: value };
}

/** Secrets the form must be given: those not saved already (a new feed has none saved). */
function missingSecrets(values: FeedFormValues, saved: FeedInfo | null): FieldErrors {
  const has = (secret: string) => (saved?.secrets ?? []).includes(secret);
  const errors: FieldErrors = {};
  if (values.kind === 'datadog') {
    if (values.apiKey === '' && !has('apiKey')) errors.apiKey = 'Enter the API key';
    if (values.appKey === '' && !has('appKey')) errors.appKey = 'Enter the application key';
  } else if (values.kind === 'url') {
    if (values.auth === 'bearer' && values.token.trim() === '' && !has('header:Authorization')) errors.token = 'Enter the token';
    if (values.auth === 'header') {
      const name = values.headerName.trim();
      if (name === '') errors.headerName = 'Enter the header’s name';
      else if (values.headerValue === '' && !has(`header:${name}`)) errors.headerValue = 'Enter the header’s value';
    }
  }
  return errors;
}

/** The form field a definition's path names (`baseUrl`, `headers.X-Api-Key`, `schedule.everyMinutes`). */
export function fieldOfPath(path: ReadonlyArray<string | number>, auth: AuthChoice): FeedField | null {
  const [head] = path;
  if (head === 'headers') {
    // A bad header name is reported on its key; anything else on the value.
    return auth === 'bearer' ? 'token' : auth === 'header' ? 'headerValue' : null;
  }
  if (head === 'schedule') return 'schedule';
  const fields: readonly string[] = ['name', 'site', 'baseUrl', 'apiKey', 'appKey', 'query', 'from', 'lookbackMinutes', 'url', 'path'];
  return typeof head === 'string' && fields.includes(head) ? (head as FeedField) : null;
}

/** The sentence a refusal puts after its field: "must be an http(s) URL" → "Must be an http(s) URL". */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export type DefinitionResult = { ok: true; feed: FeedDefinition } | { ok: false; errors: FieldErrors };

/**
 * The definition `feeds.save` and `feeds.test` take, checked as the core will check it, or the
 * errors to show beside the fields. `saved` is the feed being edited: its secrets may stay empty.
 */
export function toDefinition(values: FeedFormValues, saved: FeedInfo | null): DefinitionResult {
  const common = { name: values.name.trim() || suggestedName(values), schedule: scheduleOf(values), paused: values.paused };
  const raw =
    values.kind === 'datadog'
      ? {
          ...common,
          kind: 'datadog' as const,
          site: values.site,
          baseUrl: values.baseUrl.trim() || undefined,
          apiKey: values.apiKey.trim() || undefined,
          appKey: values.appKey.trim() || undefined,
          query: values.query.trim() || '*',
          from: values.from.trim() || 'now-7d',
          lookbackMinutes: values.lookbackMinutes,
        }
      : values.kind === 'url'
        ? { ...common, kind: 'url' as const, url: values.url.trim(), headers: headersOf(values, saved) }
        : // A folder is watched while the app runs: no schedule of its own.
          { ...common, kind: 'folder' as const, path: values.path.trim(), schedule: 'manual' as const };

  const errors: FieldErrors = missingSecrets(values, saved);
  if (values.kind === 'url' && values.auth === 'header' && values.headerName.trim() !== '' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(values.headerName.trim())) {
    errors.headerName = 'Letters, digits and - only (a header name such as X-Api-Key)';
  }
  if (values.kind === 'folder' && raw.kind === 'folder' && raw.path === '') errors.path = 'Enter the folder’s path';
  if (values.kind === 'url' && raw.kind === 'url' && raw.url === '') errors.url = 'Enter the URL';

  const parsed = feedDefinition.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path as Array<string | number>, values.auth);
      if (field && !errors[field]) errors[field] = sentence(issue.message);
    }
    if (Object.keys(errors).length === 0) errors.name = sentence(parsed.error.issues[0]?.message ?? 'Not a valid feed');
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, feed: parsed.data };
}

/**
 * The field a refusal of the core names, and what it says about it. The dispatcher's invalid
 * input names `feed.baseUrl` in its details; the handlers say `from: …` with `{ field }`.
 */
export function fieldOfError(err: { message: string; details?: unknown }, auth: AuthChoice): { field: FeedField; message: string } | null {
  const strip = (path: string) => path.replace(/^feed\./, '').split('.');
  const details = err.details;
  if (Array.isArray(details)) {
    for (const d of details as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof d?.path !== 'string') continue;
      const field = fieldOfPath(strip(d.path), auth);
      if (field) return { field, message: sentence(typeof d.message === 'string' ? d.message : err.message) };
    }
  } else if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
    const path = (details as { field: string }).field;
    const field = fieldOfPath(strip(path), auth);
    if (field) return { field, message: sentence(err.message.replace(/^.*?:\s*/, '')) };
  }
  const named = /^(?:Invalid input for [\w.]+: )?(?:feed\.)?([A-Za-z]+)(?:\.[^:\s]+)?: (.+)$/s.exec(err.message);
  if (named) {
    const field = fieldOfPath([named[1]!], auth);
    if (field) return { field, message: sentence(named[2]!) };
  }
  if (/\bfeed (?:named|called)\b/i.test(err.message)) return { field: 'name', message: err.message };
  return null;
}
