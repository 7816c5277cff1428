/**
 * Sizes as people write them on a command line (`--max-upload 500MB`): decimal units like disk
 * makers and file managers (KB, MB, GB, TB = powers of 1000), binary ones spelt KiB, MiB, GiB, TiB.
 */
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Bytes in a size like `20GB`, `500 MB`, `1.5GiB` or `1048576`; null when it is not one. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = match[2]!.toLowerCase() || 'b';
  const factor = UNITS[unit];
  if (factor === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * factor);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : null;
}

/** The shortest exact decimal spelling of a size (`20GB`, `1500KB`), for messages about limits. */
export function formatSize(bytes: number): string {
  for (const unit of ['tb', 'gb', 'mb', 'kb']) {
    const factor = UNITS[unit]!;
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit.toUpperCase()}`;
  }
  return `${bytes} bytes`;
}
