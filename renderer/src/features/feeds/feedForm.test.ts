import { describe, expect, it } from 'vitest';
import type { FeedInfo } from '../../../../common/feeds';
import { fieldOfError, initialValues, savedAuth, suggestedName, toDefinition, type FeedFormValues } from './feedForm';

function info(partial: Partial<FeedInfo>): FeedInfo {
  return {
    name: 'rum',
    kind: 'datadog',
    settings: {},
    secrets: [],
    schedule: 'manual',
    paused: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    covered: null,
    resumable: false,
    lastPull: null,
    nextPullAt: null,
    pullJobId: null,
    ...partial,
  };
}

const datadog = (change: Partial<FeedFormValues> = {}): FeedFormValues => ({ ...initialValues('datadog'), apiKey: 'k1', appKey: 'k2', ...change });

describe('feed form → definition', () => {
  it('a new Datadog feed takes the defaults, trimmed values and both keys', () => {
    const result = toDefinition(datadog({ name: ' RUM prod ', query: ' @type:view ', baseUrl: ' http://127.0.0.1:9000 ' }), null);
    expect(result).toEqual({
      ok: true,
      feed: {
        kind: 'datadog',
        name: 'RUM prod',
        schedule: 'hourly',
        paused: false,
        site: 'datadoghq.com',
        baseUrl: 'http://127.0.0.1:9000',
        apiKey: 'k1',
        appKey: 'k2',
        query: '@type:view',
        from: 'now-7d',
        lookbackMinutes: 15,
      },
    });
  });

  it('names a feed left unnamed after what it reads', () => {
    expect(suggestedName(datadog())).toBe('Datadog RUM');
    expect(suggestedName({ ...initialValues('url'), url: 'https://events.acme.com/rum/latest.ndjson' })).toBe('events.acme.com');
    expect(suggestedName({ ...initialValues('folder'), path: '/home/ana/rum-drops/' })).toBe('rum-drops');
    expect(suggestedName({ ...initialValues('folder'), path: 'C:\\Users\\ana\\drops' })).toBe('drops');
    const result = toDefinition(datadog(), null);
    expect(result.ok && result.feed.name).toBe('Datadog RUM');
  });

  it('asks for the keys of a new Datadog feed, but keeps saved ones left empty', () => {
    expect(toDefinition(datadog({ apiKey: '', appKey: '' }), null)).toEqual({
      ok: false,
      errors: { apiKey: 'Enter the API key', appKey: 'Enter the application key' },
    });
    const saved = info({ secrets: ['apiKey', 'appKey'], settings: { site: 'datadoghq.eu', query: '@type:view', from: 'now-1d', lookbackMinutes: 30 } });
    const editing = { ...initialValues('datadog', saved) };
    expect(editing).toMatchObject({ site: 'datadoghq.eu', query: '@type:view', from: 'now-1d', lookbackMinutes: 30, apiKey: '', appKey: '' });
    const result = toDefinition(editing, saved);
    expect(result.ok).toBe(true);
    expect(result.ok && 'apiKey' in result.feed ? result.feed.apiKey : 'absent').toBeUndefined();
  });

  it('names the field of a value the schema refuses', () => {
    expect(toDefinition(datadog({ baseUrl: 'proxy.local' }), null)).toEqual({ ok: false, errors: { baseUrl: 'Must be an http(s) URL' } });
    const every = toDefinition(datadog({ schedule: 'every', everyMinutes: 2 }), null);
    expect(every.ok === false && every.errors.schedule).toMatch(/5/);
    const every30 = toDefinition(datadog({ schedule: 'every', everyMinutes: 30 }), null);
    expect(every30.ok && every30.feed.schedule).toEqual({ everyMinutes: 30 });
  });

  it('a URL feed sends a bearer token as an Authorization header, once prefixed', () => {
    const url = { ...initialValues('url'), url: 'https://x.test/e.ndjson', auth: 'bearer' as const };
    expect(toDefinition({ ...url, token: 'abc' }, null)).toMatchObject({ ok: true, feed: { headers: { Authorization: 'Bearer abc' } } });
    expect(toDefinition({ ...url, token: 'Bearer abc' }, null)).toMatchObject({ ok: true, feed: { headers: { Authorization: 'Bearer abc' } } });
    expect(toDefinition({ ...url, token: '' }, null)).toEqual({ ok: false, errors: { token: 'Enter the token' } });
  });

  it('a URL feed with a custom header: the name checked, the saved value kept, none clears them', () => {
    const url = { ...initialValues('url'), url: 'https://x.test/e.ndjson', auth: 'header' as const };
    expect(toDefinition({ ...url, headerName: 'X-Api-Key', headerValue: 's3' }, null)).toMatchObject({ ok: true, feed: { headers: { 'X-Api-Key': 's3' } } });
    expect(toDefinition({ ...url, headerName: 'X Api', headerValue: 's3' }, null)).toMatchObject({ ok: false, errors: { headerName: expect.stringMatching(/header name/) } });
    const saved = info({ kind: 'url', settings: { url: 'https://x.test/e.ndjson' }, secrets: ['header:X-Api-Key'] });
    expect(savedAuth(saved)).toEqual({ auth: 'header', headerName: 'X-Api-Key' });
    const editing = initialValues('url', saved);
    const kept = toDefinition(editing, saved);
    expect(kept.ok && kept.feed.kind === 'url' && kept.feed.headers).toBeUndefined();
    // Another header's value was never saved: it must be typed.
    expect(toDefinition({ ...editing, headerName: 'X-Other' }, saved)).toEqual({ ok: false, errors: { headerValue: 'Enter the header’s value' } });
    const cleared = toDefinition({ ...editing, auth: 'none' }, saved);
    expect(cleared.ok && cleared.feed.kind === 'url' && cleared.feed.headers).toEqual({});
    expect(savedAuth(info({ kind: 'url', secrets: ['header:Authorization'] }))).toEqual({ auth: 'bearer', headerName: '' });
  });

  it('a folder feed needs its path, and has no schedule (it is watched)', () => {
    expect(toDefinition({ ...initialValues('folder'), path: '  ' }, null)).toMatchObject({ ok: false, errors: { path: 'Enter the folder’s path' } });
    expect(toDefinition({ ...initialValues('folder'), path: '/data/drops', schedule: 'daily' }, null)).toMatchObject({
      ok: true,
      feed: { kind: 'folder', name: 'drops', path: '/data/drops', schedule: 'manual' },
    });
  });
});

describe('refusals of the core, on their field', () => {
  it('reads the dispatcher’s details and the handlers’ field', () => {
    expect(
      fieldOfError({ message: 'Invalid input for feeds.save: feed.baseUrl: must be an http(s) URL', details: [{ path: 'feed.baseUrl', message: 'must be an http(s) URL' }] }, 'none'),
    ).toEqual({ field: 'baseUrl', message: 'Must be an http(s) URL' });
    expect(fieldOfError({ message: 'from: not a time (an ISO date or now-7d)', details: { field: 'from' } }, 'none')).toEqual({
      field: 'from',
      message: 'Not a time (an ISO date or now-7d)',
    });
    expect(fieldOfError({ message: 'query: unexpected ")" at 12' }, 'none')).toEqual({ field: 'query', message: 'Unexpected ")" at 12' });
    expect(fieldOfError({ message: 'headers.X-Key: must be a header name' }, 'header')).toEqual({ field: 'headerValue', message: 'Must be a header name' });
    expect(fieldOfError({ message: 'A feed named "rum" already exists' }, 'none')).toEqual({ field: 'name', message: 'A feed named "rum" already exists' });
    expect(fieldOfError({ message: 'Datadog refused the keys: 403 Forbidden' }, 'none')).toBeNull();
  });
});
