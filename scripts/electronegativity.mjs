#!/usr/bin/env node
// Doyensec's Electronegativity over the built app (out/) and the sources, offline. Fails on any
// HIGH or MEDIUM finding of FIRM or CERTAIN confidence that is not in ALLOWED below, and on any
// file the tool could not parse (a file it skipped is a file nobody checked).
//
// Each target is copied into a temporary folder first, because the tool scans every .js/.ts/
// .html file under its input (tests with fake BrowserWindows would be findings) and skips .cjs
// (the sandboxed preload is out/preload/index.cjs); each copy gets package.json so the tool
// knows the Electron version. Run `npm run build` before.
//
// The tool runs through its package entry (the runner its CLI calls, with the CLI's
// `-x AvailableSecurityFixesGlobalCheck`), not the CLI's report files: the CSV writer starts the
// header and the rows as two concurrent writes, and loses rows when they interleave; SARIF has
// neither severity nor confidence.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Findings that are inherent to having a preload at all, on the one window that creates it
 * (main/electron/window.ts; in the bundle, out/main/index.js). Keep this list short: every entry
 * says why it cannot be fixed and what covers the risk instead.
 */
export const ALLOWED = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: /(^|\/)(main\/electron\/window\.ts|main\/index\.js)$/,
    why: 'A manual-review reminder that the window has a preload. Ours is the bridge itself: it exposes invoke/onEvent/grantFiles through contextBridge, never ipcRenderer (preload/index.ts).',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: /(^|\/)(main\/electron\/window\.ts|main\/index\.js)$/,
    why: "Asks for disableBlinkFeatures: 'Auxclick', a Blink feature Chromium no longer has (the option would do nothing). What a middle click opens goes through setWindowOpenHandler, which denies every window and sends links to openExternalSafely (main/electron/security.ts).",
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: /(^|\/)main\/electron\/oauth-window\.ts$/,
    why: "The Salesforce sign-in window, as above: Auxclick no longer exists in Chromium; its own setWindowOpenHandler denies every window and sends links to openExternalSafely, and it has no preload and no Node (main/electron/oauth-window.ts).",
  },
];

const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
const BLOCKING_CONFIDENCES = new Set(['FIRM', 'CERTAIN']);

/** The tool's issues as plain findings (its severities and confidences are objects). */
export function toFindings(issues) {
  return issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: String(issue.file).replace(/\\/g, '/'),
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: issue.sample ?? '',
    description: issue.description ?? '',
  }));
}

/** Findings that fail the check: HIGH/MEDIUM severity, FIRM/CERTAIN confidence, not allowed. */
export function blockingFindings(findings, allowed = ALLOWED) {
  return findings.filter(
    (f) =>
      BLOCKING_SEVERITIES.has(f.severity) &&
      BLOCKING_CONFIDENCES.has(f.confidence) &&
      !allowed.some((a) => a.id === f.id && a.file.test(f.file)),
  );
}

const isTest = (path) => /\.test\.tsx?$|\.spec\.tsx?$|\.d\.ts$/.test(path);

/** What is scanned: the bundle Electron runs, and the code it is built from. */
export function targets(root) {
  return [
    {
      name: 'built app (out/)',
      copies: [
        { from: 'out/main', to: 'out/main' },
        // The tool only reads .js: the CommonJS preload is copied under that name.
        { from: 'out/preload', to: 'out/preload', rename: (p) => p.replace(/\.cjs$/, '.js') },
        { from: 'out/renderer', to: 'out/renderer' },
      ],
      required: join(root, 'out', 'main', 'index.js'),
    },
    {
      name: 'sources',
      copies: ['main', 'preload', 'common', 'renderer/index.html', 'renderer/src'].map((p) => ({ from: p, to: p })),
    },
  ];
}

function stage(root, target, into) {
  mkdirSync(into, { recursive: true });
  cpSync(join(root, 'package.json'), join(into, 'package.json'));
  for (const { from, to, rename } of target.copies) {
    const source = join(root, from);
    if (!existsSync(source)) continue;
    cpSync(source, join(into, to), { recursive: true, filter: (p) => !isTest(p) && !p.includes('node_modules') });
    if (!rename) continue;
    for (const file of listFiles(join(into, to))) {
      const renamed = rename(file);
      if (renamed !== file) renameSync(file, renamed);
    }
  }
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/**
 * Runs the tool's offline checks on a folder. `root` is where it is installed. Returns the
 * findings and the files it could not read or parse.
 */
export async function runElectronegativity(root, input) {
  const require = createRequire(join(root, 'package.json'));
  const run = require('@doyensec/electronegativity');
  const result = await run({
    input,
    customScan: [],
    // The one check that needs the network (Electron's release list). The tool also tries to
    // fetch translations for a second, then falls back to its own.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
  });
  return {
    findings: toFindings(result.issues),
    errors: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(input, e.file), message: e.message })),
  };
}

function scan(root, target, work) {
  const input = join(work, target.name.replace(/\W+/g, '-'));
  stage(root, target, input);
  return runElectronegativity(root, input);
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'profile-desk-electronegativity-'));
  let failures = 0;
  try {
    for (const target of targets(root)) {
      if (target.required && !existsSync(target.required)) {
        console.error(`electronegativity: ${relative(root, target.required)} is missing: run npm run build first`);
        return 1;
      }
      const { findings, errors } = await scan(root, target, work);
      const blocking = blockingFindings(findings);
      const allowed = findings.filter((f) => ALLOWED.some((a) => a.id === f.id && a.file.test(f.file)));
      console.log(`${target.name}: ${findings.length} findings, ${allowed.length} allowed, ${blocking.length} blocking`);
      for (const f of blocking) {
        console.error(`  ${f.severity}/${f.confidence} ${f.id} ${f.file}:${f.location} ${f.description}${f.sample && f.sample !== 'N/A' ? `\n    ${f.sample.trim()}` : ''}`);
      }
      for (const e of errors) console.error(`  not checked: ${e.file}: ${e.message}`);
      failures += blocking.length + errors.length;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failures > 0) console.error(`electronegativity: ${failures} problem(s): HIGH or MEDIUM findings of FIRM or CERTAIN confidence, or files it could not check`);
  return failures > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main().catch((err) => {
    console.error(`electronegativity: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  });
}
