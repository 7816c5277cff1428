import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendantsOf, rssSampler, treeRss } from './rss-sampler';

describe.runIf(process.platform === 'linux')('treeRss', () => {
  it('adds the memory of child processes, so a forking importer is measured whole', async () => {
    // A child that holds ~200 MB of touched memory until it is killed.
    const child = spawn(process.execPath, ['-e', "const b = Buffer.alloc(200 * 1024 * 1024, 1); console.log('ready'); setInterval(() => b[0]++, 1000);"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      expect(descendantsOf(process.pid)).toContain(child.pid);
      const sampler = rssSampler();
      expect(treeRss() - process.memoryUsage().rss).toBeGreaterThan(190 * 1024 * 1024);
      await new Promise((r) => setTimeout(r, 120));
      const figures = sampler.stop();
      expect(figures.peakRssSampled - figures.baseRss).toBeGreaterThan(190 * 1024 * 1024);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
