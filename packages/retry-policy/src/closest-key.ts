/** A key as a typo leaves it: lower case, without `_` and `-`. */
const fold = (key: string): string => key.toLowerCase().replace(/[-_]/g, "");

/** Levenshtein distance: the letters to insert, delete or replace to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  // One row of the table, updated in place; `diagonal` keeps the cell the update overwrote.
  const row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    let diagonal = row[0]!++;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The known key that `name` most likely misspells, or undefined when none is close. Compared folded
 * (case, `_` and `-` ignored: "deadlineMS", "timeout_ms"), `name` is near a known key when
 * - one is the other but for its last letter and what follows, the shorter having 5 letters or more:
 *   "timeout" for "timeoutMs", "retries" or "retrys" for "retry", "maxRetry" for "maxRetries"; or
 * - at most 1 edit away from a known key of up to 5 letters, 2 from a longer one: "rety", "deadlinMs".
 * A dotted known key ("retry.maxRetries") is compared by its last part. The nearest wins, the first on
 * a tie; a known key is its own closest. The caller decides what a match means (an error, a hint).
 */
export function closestKey(name: string, known: readonly string[]): string | undefined {
  const given = fold(name);
  let best: string | undefined;
  let least = Infinity;
  for (const key of known) {
    const want = fold(key.slice(key.lastIndexOf(".") + 1));
    const [short, long] = given.length < want.length ? [given, want] : [want, given];
    const distance = short.length >= 5 && long.startsWith(short.slice(0, -1)) ? 0 : editDistance(given, want);
    if (distance <= (want.length > 5 ? 2 : 1) && distance < least) [best, least] = [key, distance];
  }
  return best;
}
