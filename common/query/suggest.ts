/** "Did you mean …?" for unknown keys: the known key closest by edit distance, if close enough. */

export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    // A typed prefix or fragment of a key ("browser" → "last_browser_name") is a strong hint.
    const score = candidate.includes(word) ? candidate.length - word.length : distance(word, candidate) * 3;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const limit = Math.max(6, word.length * 2);
  return best !== null && bestScore <= limit ? best : null;
}

/** Levenshtein distance, two rows at a time. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
