/**
 * The kill test's child process (feeds-datadog-kill.test.ts): opens the store with its own core,
 * pulls the named feed and stays until the test kills it (or the pull ends, then exits 0).
 *   node --import tsx tests/integration/feeds-datadog-child.ts <dbPath> <feed name>
 */
import type { JobFinished } from '../../common/types';
import { createCore } from '../../main/core/core';

async function main(): Promise<void> {
  const [dbPath, name] = process.argv.slice(2);
  if (!dbPath || !name) throw new Error('usage: feeds-datadog-child.ts <dbPath> <feed name>');
  const core = createCore({ dbPath });
  const started = await core.dispatch('feeds.pull', { name });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  core.events.subscribe((m) => {
    if (m.event !== 'job.finished' || (m.data as JobFinished).jobId !== jobId) return;
    process.stdout.write(`${JSON.stringify(m.data)}\n`);
    void core.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
