// Reads the runners' JSON reports and prints the one closing line CI reads:
// "N passed, N failed". A test file that fails to load, a missing report and a failed
// check (typecheck, lint, build) each count as a failure. Exits non-zero on any failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const problems = [];
const fail = (problem) => {
  failed++;
  problems.push(problem);
};

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

if (existsSync('test-results/checks.txt')) {
  for (const line of readFileSync('test-results/checks.txt', 'utf8').trim().split('\n')) {
    if (line.endsWith(' passed')) passed++;
    else if (line) fail(line);
  }
}

const vitest = readJson('test-results/vitest.json');
if (!vitest) fail('vitest wrote no report');
else {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  for (const file of vitest.testResults ?? []) {
    // A file that failed to load has no assertions but a failure message.
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      fail(`could not run ${file.name}: ${String(file.message).split('\n')[0]}`);
    }
  }
}

const playwright = readJson('test-results/e2e-results.json');
if (!playwright) fail('playwright wrote no report');
else {
  const s = playwright.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  for (const e of playwright.errors ?? []) fail(`playwright: ${String(e.message).split('\n')[0]}`);
}

for (const p of problems) console.log(`FAILED: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
