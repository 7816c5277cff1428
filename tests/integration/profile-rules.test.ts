/**
 * Every profile rule of ARCHITECTURE.md §7, each with a case that would catch it wrong,
 * through the core's API with a real SQLite file and the real import worker.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allAccounts, allUsers, at, event, importFiles, ok, tempStore, user, writeEvents, type TempStore } from './helpers';
import type { UserDetail } from '../../common/types';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(async () => {
  await store.cleanup();
});

const load = async (events: unknown[], name = 'events.ndjson') =>
  importFiles(store.core, [writeEvents(store.dir, name, events)]);

describe('user profile rules', () => {
  it('takes email and name from the latest event that has a non-empty one', async () => {
    await load([
      event(1, { usr: { id: 'u1', email: 'old@x.com', name: 'Old' } }),
      event(3, { usr: { id: 'u1', email: 'new@x.com', name: '  ' } }),
      event(5, { usr: { id: 'u1' } }),
      event(2, { usr: { id: 'u1', email: 'mid@x.com', name: 'Named' } }),
    ]);
    const u = await user(store.core, 'u1');
    expect(u.user_email).toBe('new@x.com');
    expect(u.user_name).toBe('Named');
    expect(u.first_seen).toBe(at(1));
    expect(u.last_seen).toBe(at(5));
  });

  it('takes first_X / last_X from the earliest / latest event that has X, normalising case', async () => {
    await load([
      event(1, { usr: { id: 'u1' }, geo: {}, device: { type: 'Desktop' } }),
      event(2, { usr: { id: 'u1' }, geo: { country_iso_code: 'fr', city: 'Paris', country_subdivision: 'IDF' } }),
      event(3, { usr: { id: 'u1' }, geo: { country_iso_code: 'DE', city: 'Berlin' }, os: { name: 'Mac OS X', version: '14' } }),
      event(4, { usr: { id: 'u1' }, device: { type: 'mobile' }, browser: { name: 'Chrome', version: '120' } }),
    ]);
    const u = await user(store.core, 'u1');
    expect(u).toMatchObject({
      first_country_code: 'FR',
      last_country_code: 'DE',
      first_city: 'Paris',
      last_city: 'Berlin',
      first_region: 'IDF',
      last_region: 'IDF',
      first_device_type: 'desktop',
      last_device_type: 'mobile',
      first_os_name: 'Mac OS X',
      last_os_version: '14',
      first_browser_name: 'Chrome',
      last_browser_version: '120',
      first_application_id: 'app-1',
    });
  });

  it('treats numeric and string usr.id as one user and whitespace ids as absent', async () => {
    await load([
      event(1, { usr: { id: 1586212 }, session: { id: 'a', type: 'user' } }),
      event(2, { usr: { id: '1586212' }, session: { id: 'b', type: 'user' } }),
      event(3, { usr: { id: '   ' } }),
    ]);
    const users = await allUsers(store.core);
    expect(users.map((u) => u.user_id)).toEqual(['1586212']);
    expect(users[0]!.session_count).toBe(2);
  });

  it('counts distinct sessions, views, actions (type action) and errors (type error)', async () => {
    const usr = { id: 'u1' };
    await load([
      // One view re-sent three times with rising document versions is one view.
      ...[1, 2, 3].map((v) => event(1, { type: 'view', usr, view: { id: 'v1', url: 'https://a/x' }, _dd: { document_version: v } })),
      event(2, { type: 'view', usr, view: { id: 'v2', url: 'https://a/y' }, session: { id: 's2', type: 'user' } }),
      event(3, { type: 'action', usr, action: { id: 'a1', type: 'click', target: { name: 'Save' } } }),
      event(3, { type: 'action', usr, action: { id: 'a1', type: 'click', target: { name: 'Save' } } }),
      event(4, { type: 'resource', usr, action: { id: 'a2' } }),
      event(5, { type: 'error', usr, error: { id: 'e1', message: 'boom' } }),
      event(6, { type: 'resource', usr, error: { id: 'e2' } }),
    ]);
    const u = await user(store.core, 'u1');
    expect(u.session_count).toBe(2);
    // v1, v2, and the views the other events carry (v-3 … v-6 from the defaults).
    expect(u.view_count).toBe(6);
    expect(u.action_count).toBe(1);
    expect(u.error_count).toBe(1);
  });

  it('skips synthetics and ci_test sessions and reports them as excluded', async () => {
    const summary = await load([
      event(1, { usr: { id: 'real' } }),
      event(2, { usr: { id: 'bot' }, session: { id: 'x', type: 'synthetics' } }),
      event(3, { usr: { id: 'ci' }, session: { id: 'y', type: 'ci_test' } }),
    ]);
    expect(summary.excluded).toBe(2);
    expect(summary.imported).toBe(1);
    expect((await allUsers(store.core)).map((u) => u.user_id)).toEqual(['real']);
  });

  it('resolves ties at the same time deterministically, whatever the order', async () => {
    const a = event(1, { usr: { id: 'u1', email: 'a@x.com' }, geo: { city: 'Alpha' } });
    const b = event(1, { usr: { id: 'u1', email: 'b@x.com' }, geo: { city: 'Beta' } });
    await load([a, b], 'ab.ndjson');
    const first = await user(store.core, 'u1');
    const other = tempStore();
    try {
      await importFiles(other.core, [writeEvents(other.dir, 'ba.ndjson', [b, a])]);
      expect(await user(other.core, 'u1')).toEqual(first);
    } finally {
      await other.cleanup();
    }
    expect(first.user_email).toBe('b@x.com');
    expect(first.first_city).toBe('Alpha');
    expect(first.last_city).toBe('Beta');
  });

  it('uses the latest account.id and reads API items with attributes.timestamp', async () => {
    await load([
      event(1, { usr: { id: 'u1' }, account: { id: 'acc-1', name: 'Acme' } }),
      { id: 'x', type: 'rum', attributes: { timestamp: at(9), attributes: { type: 'view', usr: { id: 'u1' }, account: { id: 'acc-2' }, session: { id: 's9', type: 'user' } } } },
    ]);
    const u = await user(store.core, 'u1');
    expect(u.account_id).toBe('acc-2');
    expect(u.last_seen).toBe(at(9));
  });
});

describe('account profile rules', () => {
  it('builds accounts with the latest name, first/last seen, distinct users and sessions', async () => {
    await load([
      event(1, { usr: { id: 'u1' }, account: { id: 'acc', name: 'Old name' }, session: { id: 's1', type: 'user' } }),
      event(2, { usr: { id: 'u2' }, account: { id: 'acc', name: 'New name' }, session: { id: 's2', type: 'user' } }),
      event(3, { usr: { id: 'u2' }, account: { id: 'acc', name: '' }, session: { id: 's2', type: 'user' } }),
      // Before login: no usr.id, but the account still sees the session.
      event(4, { usr: { anonymous_id: 'anon' }, account: { id: 'acc' }, session: { id: 's3', type: 'user' } }),
    ]);
    const [acc] = await allAccounts(store.core);
    expect(acc).toEqual({
      account_id: 'acc',
      account_name: 'New name',
      first_seen: at(1),
      last_seen: at(4),
      user_count: 2,
      session_count: 3,
    });
  });
});

describe('profile detail', () => {
  it('lists most visited pages by distinct views, frequent actions and sessions', async () => {
    const usr = { id: 'u1' };
    await load([
      event(1, { type: 'view', usr, view: { id: 'v1', url: 'https://a.com/home?x=1' } }),
      event(1, { type: 'view', usr, view: { id: 'v1', url: 'https://a.com/home?x=1' }, _dd: { document_version: 2 } }),
      event(2, { type: 'view', usr, view: { id: 'v2', url: 'https://a.com/home#top' } }),
      event(3, { type: 'view', usr, view: { id: 'v3', url_path: '/settings', url: 'https://a.com/ignored' } }),
      event(4, { type: 'action', usr, view: { id: 'v3' }, action: { id: 'a1', type: 'click', target: { name: 'Save' } } }),
      event(5, { type: 'action', usr, view: { id: 'v3' }, action: { id: 'a2', type: 'click', name: 'Save' } }),
      event(6, { type: 'error', usr, view: { id: 'v3' }, error: { id: 'e1' }, session: { id: 's2', type: 'user' } }),
    ]);
    const detail = await ok<UserDetail>(store.core.dispatch('users.get', { id: 'u1' }));
    expect(detail.pages).toEqual([
      { path: '/home', visits: 2 },
      { path: '/settings', visits: 1 },
    ]);
    expect(detail.actions).toEqual([{ name: 'Save', type: 'click', count: 2 }]);
    // A view belongs to the session it was first seen in (v3 is s-1's), so s2 has no views.
    expect(detail.sessions.map((s) => [s.session_id, s.views, s.actions, s.errors])).toEqual([
      ['s2', 0, 0, 1],
      ['s-1', 3, 2, 0],
    ]);
    expect(detail.sessions[1]!.duration_ms).toBe(4 * 60_000);
  });

  it('answers not_found for an unknown profile', async () => {
    const r = await store.core.dispatch('users.get', { id: 'nobody' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
