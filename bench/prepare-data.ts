/**
 * `npx tsx bench/prepare-data.ts [--quick] [--only importSet,usersSet,scaleSet]`
 *
 * Generates the bench's cached event files ahead of a run (the 10M-event one takes many
 * minutes), under the names `npm run bench` looks for. Files already cached are left alone.
 */
import { formatBytes, formatDuration } from '../common/format';
import { parseArgs, UsageError, type ArgSpec } from './args';
import { ensureEvents } from './data';
import { CONFIG, type BenchConfig } from './data-sets';

const SETS = ['importSet', 'usersSet', 'scaleSet'] as const;

const SPEC: Record<string, ArgSpec> = {
  quick: { type: 'flag', help: 'the quick run\'s data sets' },
  only: { type: 'string', help: `comma-separated subset of ${SETS.join(', ')} (default: all)` },
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npx tsx bench/prepare-data.ts');
  const config: BenchConfig = args.quick ? CONFIG.quick : CONFIG.full;
  const names = args.only === undefined ? [...SETS] : String(args.only).split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(SETS as readonly string[]).includes(name)) throw new UsageError(`--only: unknown data set "${name}" (one of ${SETS.join(', ')})`);
  }
  for (const name of names as Array<(typeof SETS)[number]>) {
    const f = await ensureEvents(config[name]);
    const how = f.generated === null ? 'cached' : `generated in ${formatDuration(f.generated * 1000)}`;
    console.log(`${name}: ${f.path} (${formatBytes(f.bytes)}, ${how})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : err.message);
  process.exit(1);
});
