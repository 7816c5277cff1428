import { describe, expect, it } from 'vitest';
import { proxyFor } from './http';

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://plain-proxy:8080' };

  it('uses the proxy of the scheme', () => {
    expect(proxyFor('https://login.salesforce.com', env)).toBe('http://proxy:3128');
    expect(proxyFor('http://sf.internal', env)).toBe('http://plain-proxy:8080');
    expect(proxyFor('https://login.salesforce.com', { http_proxy: 'http://p:1' })).toBe('http://p:1');
    expect(proxyFor('https://login.salesforce.com', {})).toBeUndefined();
  });

  it('never proxies loopback hosts (jsforce would)', () => {
    for (const url of ['http://127.0.0.1:4000', 'http://localhost:1', 'http://[::1]:80']) expect(proxyFor(url, env)).toBeUndefined();
  });

  it('honours NO_PROXY', () => {
    const withNo = (no: string) => ({ ...env, NO_PROXY: no });
    expect(proxyFor('https://acme.my.salesforce.com', withNo('.salesforce.com'))).toBeUndefined();
    expect(proxyFor('https://acme.my.salesforce.com', withNo('salesforce.com'))).toBeUndefined();
    expect(proxyFor('https://acme.my.salesforce.com', withNo('*'))).toBeUndefined();
    expect(proxyFor('https://acme.my.salesforce.com', withNo('other.com, mysalesforce.com'))).toBe('http://proxy:3128');
    expect(proxyFor('https://acme.my.salesforce.com', withNo('acme.my.salesforce.com:8443'))).toBe('http://proxy:3128');
    expect(proxyFor('https://acme.my.salesforce.com', withNo('acme.my.salesforce.com:443'))).toBeUndefined();
  });

  it('gives nothing for a URL it cannot read', () => {
    expect(proxyFor('not a url', env)).toBeUndefined();
  });
});
