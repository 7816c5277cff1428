/**
 * Upload folders left behind by a browser host that was killed (SIGKILL, power loss) before it
 * could delete them. Each host writes its pid into its folder; at start, folders of this user
 * whose owner is no longer running are removed.
 */
import { lstat, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const UPLOADS_PREFIX = 'profile-desk-uploads-';
/** Exports waiting to be downloaded live in folders of their own, cleaned up the same way. */
export const DOWNLOADS_PREFIX = 'profile-desk-downloads-';
export const OWNER_FILE = 'owner.pid';

/** A folder without an owner file yet may be one another host is creating this very moment. */
const UNOWNED_GRACE_MS = 10 * 60_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes this user's orphaned upload (or download) folders under `parent`; returns the removed paths. */
export async function removeOrphanedUploads(parent: string, now = Date.now(), prefix = UPLOADS_PREFIX): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(parent, name);
    try {
      const info = await lstat(dir);
      // Never follow a link, never touch another user's folder.
      if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
      const owner = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => null);
      const pid = owner === null ? NaN : Number(owner.trim());
      const orphaned = Number.isInteger(pid) && pid > 0 ? !processAlive(pid) : now - info.mtimeMs > UNOWNED_GRACE_MS;
      if (!orphaned) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
