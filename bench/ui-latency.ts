/**
 * UI latency at scale: the browser host (`profile-desk serve`) on an existing store, in Debian's
 * Chromium through Playwright's library API. Times, inside the page, a header-click re-sort, a
 * search keystroke and a jump to the middle of the list, from the user action to the rows
 * painted: measure-latency.ts times the core's block query; this adds HTTP, AG Grid and paint.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { percentile } from './table';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'out', 'cli', 'cli.js');
/** Same browser and flags as playwright.config.ts, so the numbers match what e2e tests see. */
const CHROMIUM = process.env.PROFILE_DESK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Alternated, so every click changes the sort and the first row; all are default columns. */
const SORT_COLUMNS = ['last_seen', 'user_email', 'session_count', 'last_country_code'];
/** SEARCH_DEBOUNCE_MS in renderer/src/features/grid/ProfileGrid/ProfileGrid.tsx. */
export const SEARCH_DEBOUNCE_MS = 150;
const STEP_MS = 30_000;

export type UiLatencyRow = { name: string; p50: number; p95: number; n: number };
/** ms after the action: condition first true in the DOM, that frame painted, first `users.page` request sent; and that request's round trip. */
type Sample = { ready: number; painted: number; sent: number; rtt: number };

/**
 * Installed as a string, not a function: tsx/esbuild may wrap functions in helpers (`__name`)
 * that do not exist in the page. Conditions are checked on every grid mutation (the exact
 * moment) and every frame (scrolling mutates nothing). "Painted" is a message posted from the
 * rAF callback of the first frame where the condition holds: it runs after that frame's style,
 * layout and paint, a frame tighter than a double rAF. On a sort, a search or a datasource swap
 * AG Grid shows row 0 as loading first; waiting for that ("blanked") stops a result whose row 0
 * is the same as before from counting as done before it arrived.
 */
const PROBE = String.raw`window.__pd = (() => {
  const root = () => document.querySelector('[data-page="users"]');
  const norm = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const row = (i) => [...root().querySelectorAll('.ag-row[row-index="' + i + '"]')];
  const text = (els) => norm(els.map((e) => e.textContent).join(' ').trim());
  const loaded = (els) => els.length > 0 && !els.some((e) => e.querySelector('.pd-cell-loading')) && text(els) !== '';
  const idx = (e) => Number(e.getAttribute('row-index'));
  // AG Grid 36 scrolls rows in .ag-grid-viewport (there is no .ag-body-viewport any more).
  const viewport = () => root().querySelector('.ag-grid-viewport');
  const within = (r, v) => r.height > 0 && r.bottom > v.top && r.top < v.bottom;
  const visible = () => [...root().querySelectorAll('.ag-row[row-index]')].filter((e) => within(e.getBoundingClientRect(), viewport().getBoundingClientRect()));
  const watch = (fn) => { const mo = new MutationObserver(fn); mo.observe(root(), { subtree: true, childList: true, attributes: true, characterData: true }); return mo; };
  const page = (t0) => performance.getEntriesByType('resource').find((e) => e.name.includes('/api/users.page') && e.startTime >= t0);
  const until = (cond, act, timeout) => new Promise((resolve, reject) => {
    let ready = 0, dead = false;
    const stop = () => { dead = true; mo.disconnect(); clearTimeout(timer); };
    const timer = setTimeout(() => { stop(); reject(new Error('rows not shown within ' + timeout + ' ms')); }, timeout);
    const painted = () => { const ch = new MessageChannel(); ch.port1.onmessage = () => { const p = page(t0); resolve({ ready: ready - t0, painted: performance.now() - t0, sent: p ? p.startTime - t0 : NaN, rtt: p ? p.responseEnd - p.startTime : NaN }); }; ch.port2.postMessage(0); };
    const check = (inFrame) => { if (dead || !cond()) return; ready = performance.now(); stop(); if (inFrame) painted(); else requestAnimationFrame(painted); };
    const mo = watch(() => check(false));
    const frame = () => { check(true); if (!dead) requestAnimationFrame(frame); };
    performance.clearResourceTimings(); // the buffer holds 250 entries; each sample needs only its own
    const t0 = performance.now();
    act();
    requestAnimationFrame(frame);
  });
  const reloaded = (want) => { let blanked = false; return () => { const r = row(0); if (!loaded(r)) { blanked = true; return false; } return blanked && text(r).includes(want); }; };
  // React tracks the value: set it through the native setter, then fire "input" as typing does.
  const setValue = (input, value) => Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
  const setSearch = (value) => { const input = root().querySelector('input[type=search]'); setValue(input, value); input.dispatchEvent(new Event('input', { bubbles: true })); };
  const counted = () => !!root().querySelector('[data-testid="row-count"]');
  return {
    ready: () => !!root() && loaded(row(0)) && counted(),
    emails: () => visible().map((e) => e.querySelector('.ag-cell[col-id="user_email"]')?.textContent.trim() ?? '').filter(Boolean),
    // Untimed set-up: until row 0 shows the search and the grid has been still for quiet ms.
    settle: (search, quiet, timeout) => new Promise((resolve, reject) => {
      const start = performance.now(); let last = start;
      const mo = watch(() => { last = performance.now(); });
      const tick = () => {
        const now = performance.now();
        if (loaded(row(0)) && counted() && text(row(0)).includes(norm(search)) && now - last >= quiet) { mo.disconnect(); resolve(); }
        else if (now - start > timeout) { mo.disconnect(); reject(new Error('the grid did not settle within ' + timeout + ' ms')); }
        else setTimeout(tick, 25);
      };
      tick();
    }),
    sort: (colId, timeout) => {
      const label = root().querySelector('.ag-header-cell[col-id="' + colId + '"] .ag-header-cell-label');
      if (!label) throw new Error('no header for column ' + colId);
      return until(reloaded(''), () => label.click(), timeout);
    },
    type: (value, timeout) => until(reloaded(norm(value)), () => setSearch(value), timeout),
    setSearch,
    jump: (fraction, timeout) => {
      const vp = viewport(), top = Math.max(...visible().map(idx)), done = (v) => v.length >= 3 && v.every((e) => idx(e) > top && loaded([e]));
      return until(() => done(visible()), () => { vp.scrollTop = vp.scrollHeight * fraction; }, timeout);
    },
    toTop: () => { viewport().scrollTop = 0; },
    firstVisible: () => Math.min(...visible().map(idx)),
  };
})();`;

function startHost(dbPath: string): Promise<{ url: string; stop: () => Promise<void>; log: () => string }> {
  const child = spawn(process.execPath, [CLI, '--db', dbPath, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
    clearTimeout(kill);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => void stop().then(() => reject(new Error(`The browser host failed to start: ${why}.\n${stderr.trim()}`)));
    // Opening a big store cold takes seconds; a minute means something is wrong.
    const timer = setTimeout(() => fail('no URL on stdout within 60 s'), 60_000);
    child.once('error', (err) => (clearTimeout(timer), fail(err.message)));
    child.once('exit', (code, signal) => (clearTimeout(timer), fail(`it exited (${signal ?? code}) before printing its URL`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit').removeAllListeners('error').on('error', () => undefined);
      resolve({ url: line.trim(), stop, log: () => stderr });
    });
  });
}

export async function measureUiLatency(opts: { dbPath: string; runs?: number; screenshot?: string; log?: (m: string) => void }): Promise<UiLatencyRow[]> {
  const runs = opts.runs ?? 15;
  const log = opts.log ?? ((m: string) => process.stderr.write(`  · ${m}\n`));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!existsSync(opts.dbPath)) throw new Error(`No store at ${opts.dbPath}`);
  const host = await startHost(opts.dbPath);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    await page.addInitScript(PROBE);
    const call = <T>(expr: string): Promise<T> => page.evaluate<T>(`window.__pd.${expr}`);
    const settle = (search = ''): Promise<void> => call(`settle(${JSON.stringify(search)}, 400, ${STEP_MS})`);
    const toTop = async (): Promise<void> => (await call('toTop()'), await settle());
    const timed = (fn: string, arg: string | number): Promise<Sample> => call<Sample>(`${fn}(${JSON.stringify(arg)}, ${STEP_MS})`);
    await page.goto(host.url);
    // Polled from here: waitForFunction evaluates strings with eval, which the app's CSP forbids.
    for (const end = Date.now() + 120_000; !(await call<boolean>('ready()')); await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > end) throw new Error('the Users grid showed no rows within 120 s');
    }
    await settle();

    // Each measurement starts with a warm-up round (first touches of pages and statements), dropped.
    const sorts: Sample[] = [];
    for (let i = 0; i < runs + SORT_COLUMNS.length; i++) {
      sorts.push(await timed('sort', SORT_COLUMNS[i % SORT_COLUMNS.length]!));
      await settle();
    }
    log(`re-sort done; now sorted by ${SORT_COLUMNS[(runs - 1) % SORT_COLUMNS.length]}`);

    // Around the middle, a few thousand rows apart, so no jump lands on an already cached block.
    const jumps: Sample[] = [];
    for (let i = -1; i < runs; i++) {
      jumps.push(await timed('jump', i < 0 ? 0.4 : 0.5 + (i - Math.floor(runs / 2)) * 0.004));
      await toTop();
    }
    await call(`jump(0.5, ${STEP_MS})`);
    log(`jump done; the middle of the list shows row ${await call<number>('firstVisible()')}`);
    if (opts.screenshot) await page.screenshot({ path: opts.screenshot });
    // Words of email local parts there ("costa494595"), one per 4-letter start for variety.
    const words = [...new Map((await call<string[]>('emails()'))
      .map((e) => (e.split('@')[0] ?? '').split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0] ?? '')
      .filter((w) => w.length >= 5).map((w) => [w.slice(0, 4), w] as const)).values()];
    if (words.length === 0) throw new Error('no searchable emails in the middle of the list');
    await toTop();

    // Search: with the first 3 letters in the box (untimed), type the 4th.
    const searches: Sample[] = [];
    for (let i = -1; i < runs; i++) {
      const word = words[(i + 1) % words.length]!;
      await call(`setSearch(${JSON.stringify(word.slice(0, 3))})`);
      await settle(word.slice(0, 3));
      searches.push(await timed('type', word.slice(0, 4)));
    }

    const row = (name: string, values: number[]): UiLatencyRow => ({ name, p50: percentile(values, 50), p95: percentile(values, 95), n: values.length });
    const of = (s: Sample[], k: keyof Sample): number[] => s.slice(s === sorts ? SORT_COLUMNS.length : 1).map((x) => x[k]).filter((v) => !Number.isNaN(v));
    return [
      row('re-sort: header click → row 0 painted', of(sorts, 'painted')),
      row('re-sort: header click → row 0 in DOM', of(sorts, 'ready')),
      row('re-sort: header click → users.page sent', of(sorts, 'sent')),
      row('re-sort: users.page round trip (HTTP + core)', of(sorts, 'rtt')),
      row(`search: keystroke → rows painted (incl. ${SEARCH_DEBOUNCE_MS} ms debounce)`, of(searches, 'painted')),
      row(`search: the same minus the ${SEARCH_DEBOUNCE_MS} ms debounce`, of(searches, 'painted').map((v) => v - SEARCH_DEBOUNCE_MS)),
      row('jump to the middle: scrollTop set → visible rows painted', of(jumps, 'painted')),
      row('jump to the middle: scrollTop set → users.page sent', of(jumps, 'sent')),
      row('jump to the middle: users.page round trip (HTTP + core)', of(jumps, 'rtt')),
    ];
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nhost stderr:\n${host.log().trim() || '(none)'}`, { cause: err });
  } finally {
    await browser?.close().catch(() => undefined);
    await host.stop();
  }
}
