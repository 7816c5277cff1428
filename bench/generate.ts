/**
 * `npm run generate -- --users N --events M --out FILE [--seed S] [--days D] [--start ISO]`
 * Writes generated RUM events as NDJSON (gzip when FILE ends in .gz).
 */
import { formatBytes, formatDuration, formatNumber } from '../common/format';
import { writeEventsFile } from '../main/core/sample/generator';
import { parseArgs, type ArgSpec } from './args';

const SPEC: Record<string, ArgSpec> = {
  users: { type: 'int', required: true, help: 'number of distinct users (usr.id)' },
  events: { type: 'int', required: true, help: 'number of events' },
  out: { type: 'string', required: true, help: 'output file (.ndjson or .ndjson.gz)' },
  seed: { type: 'int', help: 'PRNG seed (default 1)' },
  days: { type: 'int', help: 'length of the covered period in days (default 90)' },
  start: { type: 'string', help: 'start of the period, ISO date (default 2025-01-01)' },
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npm run generate --');
  let startMs: number | undefined;
  if (args.start !== undefined) {
    startMs = Date.parse(String(args.start));
    if (Number.isNaN(startMs)) throw new Error(`--start: not a date: ${String(args.start)}`);
  }
  const out = String(args.out);
  const t0 = performance.now();
  const { events, bytes } = await writeEventsFile(out, {
    users: Number(args.users),
    events: Number(args.events),
    seed: args.seed === undefined ? undefined : Number(args.seed),
    days: args.days === undefined ? undefined : Number(args.days),
    startMs,
  });
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${out}: ${formatNumber(events)} events, ${formatBytes(bytes)} ` +
      `(${Math.round(bytes / events)} B/event on disk) in ${formatDuration(s * 1000)} (${formatNumber(Math.round(events / s))} events/s)`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
