/**
 * `feeds.test` for a Datadog feed: one search of a single event over [the feed's start, now],
 * which proves the keys (a refusal is auth_failed), the query (bad_query) and the site, and
 * says whether anything matches yet. Runs on the host thread: it is one small request.
 */
import { parseTime } from '../../../../common/query';
import { ApiError } from '../../dispatcher';
import { searchRumPage, type RumSearchPage } from './client';
import type { DatadogSettings } from './pull';
import { datadogApiBase } from './sites';

export async function testDatadog(settings: DatadogSettings, secrets: Record<string, string>, now: number, signal: AbortSignal): Promise<string> {
  const { apiKey, appKey } = secrets;
  if (!apiKey || !appKey) throw new ApiError('invalid_input', `feed.${apiKey ? 'appKey' : 'apiKey'}: a Datadog feed needs its ${apiKey ? 'application' : 'API'} key`);
  const from = parseTime(settings.from, now);
  if (from === null) throw new ApiError('invalid_input', `feed.from: "${settings.from}" is not a time`, { field: 'feed.from' });
  const base = datadogApiBase(settings.site, settings.baseUrl);
  let page: RumSearchPage;
  try {
    page = await searchRumPage(base, { apiKey, appKey }, { query: settings.query, from, to: now }, null, { signal, limit: 1 });
  } catch (err) {
    // The test's own time limit ran out (a long rate limit, a silent proxy): say so, not "cancelled".
    if (signal.aborted) throw new ApiError('source_failed', `Datadog did not answer the test in time (${base})`);
    throw err;
  }
  return page.items.length > 0
    ? 'Datadog accepted the keys; events match the query'
    : `Datadog accepted the keys, but no events match the query since ${new Date(from).toISOString()}`;
}
