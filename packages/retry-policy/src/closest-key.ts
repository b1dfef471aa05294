/** A key as a typo leaves it: lower case, without `_` and `-`. */
const fold = (key: string): string => key.toLowerCase().replace(/[-_]/g, "");

/**
 * Edit distance (optimal string alignment): the letters to insert, delete or replace, or neighbours
 * to swap, to turn `a` into `b`. A swap counts as one slip ("retyr", "fecth"), as a typist makes it.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: two above (a swap reaches back two) and the one being filled.
  let before: number[] = [];
  let above = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    [before, above] = [above, row];
  }
  return above[b.length]!;
}

/**
 * The known key that `name` most likely misspells, or undefined when none is close. Compared folded
 * (case, `_` and `-` ignored: "deadlineMS", "timeout_ms"), `name` is near a known key when
 * - one is the other but for its last letter and what follows, the shorter having 5 letters or more:
 *   "timeout" for "timeoutMs", "retries" or "retrys" for "retry", "maxRetry" for "maxRetries"; or
 * - at most 1 edit away from a known key of up to 5 letters, 2 from a longer one: "rety", "deadlinMs".
 * A dotted known key ("retry.maxRetries") is compared by its last part. The same word (folded) wins,
 * then the fewest edits, the first on a tie; a known key is its own closest. The caller decides what a
 * match means (an error, a hint).
 */
export function closestKey(name: string, known: readonly string[]): string | undefined {
  const given = fold(name);
  let best: string | undefined;
  let least = Infinity;
  for (const key of known) {
    const want = fold(key.slice(key.lastIndexOf(".") + 1));
    const [short, long] = given.length < want.length ? [given, want] : [want, given];
    // The same word wins over one it begins ("retry.idempotent", not "idempotencyHeader", for "idempotent").
    const distance = given === want ? -1 : editDistance(given, want);
    // A shared beginning makes a key a candidate; the edit distance still ranks the candidates, so
    // "maxRetrys" is "maxRetries" (2 edits), not "maxRetryAfterMs", which it merely begins.
    const near = distance <= (want.length > 5 ? 2 : 1) || (short.length >= 5 && long.startsWith(short.slice(0, -1)));
    if (near && distance < least) [best, least] = [key, distance];
  }
  return best;
}
