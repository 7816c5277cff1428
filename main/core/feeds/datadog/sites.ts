/** Where a Datadog site's API lives (RUM.md): `https://api.<site>`, or a proxy's base URL. */
import { DATADOG_SITES, type DatadogSite } from '../../../../common/feeds';
import { ApiError } from '../../dispatcher';

/** The API base without a trailing slash; `baseUrl` (a proxy, a test server) wins over the site. */
export function datadogApiBase(site: DatadogSite, baseUrl?: string): string {
  const override = baseUrl?.trim();
  if (override) return override.replace(/\/+$/, '');
  if (!(DATADOG_SITES as readonly string[]).includes(site)) {
    throw new ApiError('invalid_input', `Unknown Datadog site "${site}": expected one of ${DATADOG_SITES.join(', ')}`);
  }
  return `https://api.${site}`;
}
