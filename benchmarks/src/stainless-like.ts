/**
 * The retry loop of the Stainless-generated SDKs, reproduced from openai 6.49.0 (`src/client.ts`:
 * `makeRequest`, `shouldRetry`, `retryRequest`, `calculateDefaultRetryTimeoutMillis`):
 * - 2 retries by default;
 * - retried: connection errors and timeouts, and statuses 408, 409, 429 and >= 500, unless the
 *   response says `x-should-retry: false` (`true` forces a retry);
 * - the wait: `retry-after-ms` (float ms), else `Retry-After` (float seconds, else an HTTP-date minus
 *   now), honoured whatever its size; else 0.5 s × 2^n capped at 8 s, minus up to 25 % jitter.
 * Nothing else is read: no body fields, no provider headers, no per-error retryability, no budget.
 */

export type Sleep = (ms: number) => Promise<void>;
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface StainlessLikeOptions {
  maxRetries?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  fetch?: FetchFn;
}

export function stainlessShouldRetry(response: Response): boolean {
  const header = response.headers.get("x-should-retry");
  if (header === "true") return true;
  if (header === "false") return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

/** The wait before the next retry, in ms, when `retriesRemaining` retries are left. */
export function stainlessRetryDelayMs(
  headers: Headers | undefined,
  retriesRemaining: number,
  maxRetries: number,
  random: () => number = Math.random,
  now: () => number = Date.now,
): number {
  let timeoutMillis: number | undefined;
  const retryAfterMs = headers?.get("retry-after-ms");
  if (retryAfterMs) {
    const ms = parseFloat(retryAfterMs);
    if (!Number.isNaN(ms)) timeoutMillis = ms;
  }
  const retryAfter = headers?.get("retry-after");
  if (retryAfter && !timeoutMillis) {
    const seconds = parseFloat(retryAfter);
    timeoutMillis = Number.isNaN(seconds) ? Date.parse(retryAfter) - now() : seconds * 1000;
  }
  if (timeoutMillis === undefined) {
    const numRetries = maxRetries - retriesRemaining;
    const sleepSeconds = Math.min(0.5 * Math.pow(2, numRetries), 8);
    const jitter = 1 - random() * 0.25;
    timeoutMillis = sleepSeconds * jitter * 1000;
  }
  return timeoutMillis;
}

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch that retries like a Stainless SDK. The body must be replayable (a string). */
export function createStainlessLikeFetch(options: StainlessLikeOptions = {}): FetchFn {
  const maxRetries = options.maxRetries ?? 2;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const fetchFn: FetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    for (let retriesRemaining = maxRetries; ; retriesRemaining--) {
      let response: Response;
      try {
        response = await fetchFn(input, init);
      } catch (error) {
        if (init.signal?.aborted || retriesRemaining <= 0) throw error;
        await sleep(stainlessRetryDelayMs(undefined, retriesRemaining, maxRetries, random, now));
        continue;
      }
      if (!response.ok && retriesRemaining > 0 && stainlessShouldRetry(response)) {
        await response.body?.cancel();
        await sleep(stainlessRetryDelayMs(response.headers, retriesRemaining, maxRetries, random, now));
        continue;
      }
      return response;
    }
  };
}
