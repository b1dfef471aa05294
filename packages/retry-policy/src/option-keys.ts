import { closestKey } from "./closest-key.js";

/** Longest key name an error repeats: a key is code, but a long one may be anything pasted in by mistake. */
const MAX_SHOWN = 40;
/** Names found fine for each list of known keys (the known keys first), so that a call's keys are judged once per name. */
const fine = new WeakMap<readonly string[], Set<string>>();

/**
 * Keys of `options` that are not in `known` throw a TypeError naming the key (never its value) and
 * the known key it probably misspells. `strict`: every unknown key throws (options objects that are
 * ours alone, such as `retry`); otherwise only a near miss of a known key does (objects that also
 * carry openapi-fetch's and fetch's own options, passed on as they are). `what` names the object:
 * "retry" gives `unknown retry option "maxRetry" (did you mean "maxRetries"?)`.
 */
export function checkKeys(options: object, what: string, known: readonly string[], strict?: boolean): void {
  let seen = fine.get(known);
  if (!seen) fine.set(known, (seen = new Set(known)));
  for (const key of Object.keys(options)) {
    if (seen.has(key)) continue;
    const near = closestKey(key, known);
    if (near || strict) {
      const shown = JSON.stringify(key.length > MAX_SHOWN ? `${key.slice(0, MAX_SHOWN)}…` : key);
      // The dotted names only serve as hints ("retry.maxRetries" for "maxRetries"): they are no keys to list.
      throw new TypeError(`unknown ${what} option ${shown}${near ? ` (did you mean "${near}"?)` : `; known: ${known.filter((key) => !key.includes(".")).join(", ")}`}`);
    }
    // Bounded, should a program make up key names as it goes: past that, a name is judged again on each call.
    if (seen.size < 100) seen.add(key);
  }
}
