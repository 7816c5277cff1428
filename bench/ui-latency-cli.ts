/**
 * Standalone UI latency run (see ui-latency.ts):
 *   npx tsx bench/ui-latency-cli.ts --db .bench-data/users-1m.db [--runs 15] [--screenshot FILE]
 * The table goes to stdout, progress to stderr. Builds the app first when out/cli/cli.js is
 * missing, since the browser host serves the built renderer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs, UsageError, type ArgSpec } from './args';
import { fmtMs, formatTable } from './table';
import { CLI, ROOT, measureUiLatency } from './ui-latency';

const SPEC: Record<string, ArgSpec> = {
  db: { type: 'string', required: true, help: 'an imported store (opened by the host, only read)' },
  runs: { type: 'int', help: 'samples per measurement (default 15)' },
  screenshot: { type: 'string', help: 'save a PNG of the middle of the list here' },
};

// The machine is shared: the load around the run says how far to trust the numbers.
const load = (): string => `${loadavg().map((l) => l.toFixed(2)).join(', ')} (${cpus().length} cores)`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npx tsx bench/ui-latency-cli.ts');
  if (!existsSync(CLI)) {
    process.stderr.write(`  · ${CLI} is missing: running npm run build…\n`);
    // Build output goes to stderr so stdout keeps only the report.
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (build.status !== 0 || !existsSync(CLI)) throw new Error(`npm run build failed (${build.error?.message ?? `exit ${build.status}`})`);
  }
  const loadBefore = load();
  const runs = args.runs as number | undefined;
  if (runs === 0) throw new UsageError('--runs must be at least 1');
  const rows = await measureUiLatency({ dbPath: args.db as string, runs, screenshot: args.screenshot as string | undefined });
  console.log(
    formatTable(
      [{ title: 'UI latency (Chromium, browser host)' }, { title: 'p50', align: 'right' }, { title: 'p95', align: 'right' }, { title: 'n', align: 'right' }],
      rows.map((r) => [r.name, fmtMs(r.p50), fmtMs(r.p95), r.n]),
    ),
  );
  console.log(`\nBudget (ARCHITECTURE.md §9): a 100-row block at 1M users p95 ≤ 50 ms in the core; these times add HTTP, AG Grid and paint.`);
  console.log(`Load average (1, 5, 15 min): before ${loadBefore}; after ${load()}.`);
  if (args.screenshot) console.log(`Screenshot of the middle of the list: ${String(args.screenshot)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ui-latency: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
