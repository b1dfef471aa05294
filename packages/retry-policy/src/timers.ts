/** setTimeout's longest delay; a longer one fires at once (Node warns, browsers clamp to 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fire` after `ms`; returns the cancel. Infinity never fires (an unlimited timeout), and a
 * delay beyond setTimeout's limit is waited in steps, so a long Retry-After is never cut short.
 */
export function startTimer(ms: number, fire: () => void): () => void {
  if (ms === Infinity) return () => {};
  let timer: ReturnType<typeof setTimeout>;
  const until = Date.now() + ms;
  const arm = (left: number) => {
    timer = setTimeout(() => (left > MAX_TIMER_MS ? arm(until - Date.now()) : fire()), Math.min(left, MAX_TIMER_MS));
  };
  arm(ms);
  return () => clearTimeout(timer);
}
