import { checkKeys } from "./option-keys.js";
import { startTimer } from "./timers.js";
import { check, isPlainObject } from "./validate.js";

/** The side effects of retrying, injectable so that tests need no fake timers. */
export interface RetryRuntime {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = startTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// Looked up at each call, not at import: a test's fake clock (vi.useFakeTimers, sinon) or a spy on
// Math.random installed after this module loaded still applies.
export const defaultRuntime: RetryRuntime = { now: () => Date.now(), sleep, random: () => Math.random() };

const RUNTIME_KEYS = ["now", "sleep", "random"] as const satisfies readonly (keyof RetryRuntime)[];

/**
 * The `runtime` option over the defaults, checked: a misspelt key (`sleeep`) or a value that is not a
 * function would otherwise be ignored, and a test meant to run instantly would sleep for real. Each
 * function is read as a property (a class's methods count) and called on the object it came from;
 * one left out or undefined keeps its default. A class instance's other fields are its own business:
 * only an object literal is held to the three keys.
 */
export function checkedRuntime(runtime: Partial<RetryRuntime> | undefined): RetryRuntime {
  if (runtime === undefined) return defaultRuntime;
  check(typeof runtime === "object" && runtime !== null && !Array.isArray(runtime), "runtime", "an object of now, sleep and random functions", runtime);
  if (isPlainObject(runtime)) checkKeys(runtime, "runtime", RUNTIME_KEYS, true);
  const pick = <K extends keyof RetryRuntime>(key: K): RetryRuntime[K] => {
    const given = runtime[key];
    check(given === undefined || typeof given === "function", `runtime.${key}`, "a function", given);
    return given === undefined ? defaultRuntime[key] : (given.bind(runtime) as RetryRuntime[K]);
  };
  return { now: pick("now"), sleep: pick("sleep"), random: pick("random") };
}
