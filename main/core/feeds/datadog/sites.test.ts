import { describe, expect, it } from 'vitest';
import { DATADOG_SITES, type DatadogSite } from '../../../../common/feeds';
import { ApiError } from '../../dispatcher';
import { datadogApiBase } from './sites';

describe('datadogApiBase', () => {
  it('puts every site behind api.', () => {
    expect(datadogApiBase('datadoghq.com')).toBe('https://api.datadoghq.com');
    expect(datadogApiBase('datadoghq.eu')).toBe('https://api.datadoghq.eu');
    expect(datadogApiBase('us5.datadoghq.com')).toBe('https://api.us5.datadoghq.com');
    expect(datadogApiBase('us2.ddog-gov.com')).toBe('https://api.us2.ddog-gov.com');
    for (const site of DATADOG_SITES) expect(datadogApiBase(site)).toBe(`https://api.${site}`);
  });

  it('prefers a base URL override, without its trailing slashes', () => {
    expect(datadogApiBase('datadoghq.com', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(datadogApiBase('datadoghq.eu', ' https://proxy.example/dd// ')).toBe('https://proxy.example/dd');
    expect(datadogApiBase('datadoghq.eu', '')).toBe('https://api.datadoghq.eu');
  });

  it('refuses a site it does not know', () => {
    expect(() => datadogApiBase('datadoghq.org' as DatadogSite)).toThrow(ApiError);
    expect(() => datadogApiBase('datadoghq.org' as DatadogSite)).toThrow(/Unknown Datadog site "datadoghq.org"/);
  });
});
