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

/**
 * A signal that aborts when either does, with the first one's reason; `release` drops what it holds.
 * AbortSignal.any where it exists; browsers before it (Safari < 17.4, Chrome < 116, Firefox < 124)
 * get listeners instead, removed by `release` so that a long-lived caller signal does not gather one
 * per call.
 */
export function eitherSignal(first: AbortSignal, second: AbortSignal): { signal: AbortSignal; release: () => void } {
  if (typeof AbortSignal.any === "function") return { signal: AbortSignal.any([first, second]), release: () => {} };
  const signals = [first, second];
  const either = new AbortController();
  // Called when one has aborted: the first to do so is the one found, its listener having run first.
  const abort = () => either.abort(signals.find((signal) => signal.aborted)!.reason);
  const release = () => signals.forEach((signal) => signal.removeEventListener("abort", abort));
  if (signals.some((signal) => signal.aborted)) abort();
  else {
    signals.forEach((signal) => signal.addEventListener("abort", abort));
    either.signal.addEventListener("abort", release);
  }
  return { signal: either.signal, release };
}
