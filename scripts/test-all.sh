#!/usr/bin/env bash
# The whole test suite: typecheck, lint, build, unit + integration tests (Vitest) and
# end-to-end tests in Chromium (Playwright). Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e-results.json test-results/checks.txt

check() { # name, command…: a step that counts as one test
  local name=$1; shift
  echo "── $name"
  if "$@"; then echo "$name passed" >> test-results/checks.txt; else echo "$name failed" >> test-results/checks.txt; fi
}

check typecheck npm run --silent typecheck
check lint npm run --silent lint
check build npm run --silent build
check electronegativity node scripts/electronegativity.mjs

echo "── unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

echo "── end-to-end tests (playwright)"
npx playwright test

node scripts/test-summary.mjs
