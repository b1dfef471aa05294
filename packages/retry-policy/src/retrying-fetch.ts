import { parseErrorWith, requestIdOf } from "./parse-error.js";
import type { ErrorFormat, ErrorRules } from "./catalog.js";
import { toHeaderRecord } from "./headers.js";
import type { ProviderError } from "./provider-error.js";
import { retryAttempts, type AttemptResult } from "./retry-loop.js";
import { resolveRetryPolicy, RETRY_KEYS, type RetryOptions, type RetryPolicy } from "./retry-options.js";
import { checkKeys } from "./option-keys.js";
import { RetryBudget } from "./retry-budget.js";
import { checkedRuntime, type RetryRuntime } from "./runtime.js";
import { toReplayableRequest } from "./replayable-request.js";
import { transportError, type ResponseHead, type TransportFailure } from "./transport-errors.js";
import { check, isPlainObject, kindOf, positiveMs } from "./validate.js";
import { eitherSignal, startTimer } from "./timers.js";
import { idempotencyKey } from "./idempotency-key.js";

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface RetryingFetchOptions {
  /** The provider's generated catalog: how its errors are recognised and whether they are retryable. */
  catalog: ErrorRules;
  /** Retry settings, or false for a single attempt. */
  retry?: RetryOptions | false | undefined;
  /** Per attempt, until the response headers (and an error body) have arrived. Default 60000 ms. */
  timeoutMs?: number | undefined;
  /** The whole call, retries and waits included. Default: none. */
  deadlineMs?: number | undefined;
  /** Any fetch-compatible function. Default: globalThis.fetch. */
  fetch?: FetchLike | undefined;
  /** Strings that must never appear in an error (the API key). */
  secrets?: readonly string[] | undefined;
  /** Sends the same generated key in this header on every attempt of a call, for providers that honour one. */
  idempotencyHeader?: string | undefined;
  runtime?: Partial<RetryRuntime> | undefined;
}

export type FetchOutcome =
  | {
      response: Response;
      error?: undefined;
      /** Attempts made, the successful one included. */
      attempts?: number;
      /** The 2xx body, when the attempt read it (`readBody`): `response`'s own body is then used up. */
      text?: string;
    }
  | { response: Response | undefined; error: ProviderError; attempts?: undefined; text?: undefined };

export type RetryingFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<FetchOutcome>;

/**
 * A fetch that classifies every failure with the provider's catalog and retries what the provider
 * documents as retryable. It never throws for a failed call: it returns `{ error }`.
 */
export function createRetryingFetch(options: RetryingFetchOptions): RetryingFetch {
  checkKeys(options, "createRetryingFetch", FETCH_KEYS, true);
  return createFetcher(options);
}

/** Every key of RetryingFetchOptions: nothing else is read, so anything else is a mistake. */
export const FETCH_KEYS = ["catalog", "retry", "timeoutMs", "deadlineMs", "fetch", "secrets", "idempotencyHeader", "runtime"] as const satisfies readonly (keyof RetryingFetchOptions)[];

/**
 * What the streaming fetch adds to a call: a header to send unless the caller set it, and what an
 * attempt does with a 2xx that is not an error (open the stream and wait for its first event, whose
 * failure is then retried like any other).
 */
export interface AttemptExtras<O> {
  defaultHeaders?: Readonly<Record<string, string>>;
  /** `deadlineAt`: the call's deadline (epoch ms, runtime clock), which also bounds this wait. */
  onSuccess?: (response: Response, attempt: number, signal: AbortSignal | undefined, deadlineAt: number | undefined) => Promise<O>;
  /**
   * Read a 2xx body inside the attempt (the typed client does, for JSON and text): a body that stalls
   * is then bounded by the timeout and the deadline, and a connection lost mid-body is retried (when
   * the request is idempotent: see RetryOptions.idempotent).
   */
  readBody?: boolean;
  /** Keys this call carries of its own (see keysCarried), redacted in addition to the options' secrets. */
  secrets?: readonly string[];
  /** This call's own limits, in place of the client's (see CallLimits). */
  limits?: CallLimits | undefined;
  /** This call's own fetch, in place of the client's: openapi-fetch's per-call `fetch`, which takes a Request. */
  fetch?: unknown;
  /** The operation sends no key (`security: []`): a 401 to it is not about a missing apiKey. */
  anonymous?: boolean | undefined;
  /** The spec's word on the operation (`x-errata-idempotent`), over its method's default; the caller's `retry.idempotent` wins. */
  idempotent?: boolean | undefined;
}

/** One call's retry options. Its `budget` may only name another RetryBudget or `false`: a fresh budget per call would limit nothing. */
export type CallRetryOptions = Omit<RetryOptions, "budget"> & { budget?: RetryBudget | false | undefined };

/**
 * Limits one call may set for itself, in place of the client's: `retry` is merged over the client's
 * retry options (the client's budget and onRetry stay unless the call sets its own; `false` sends
 * once), `timeoutMs` and `deadlineMs` replace the client's.
 */
export interface CallLimits {
  retry?: CallRetryOptions | false | undefined;
  timeoutMs?: number | undefined;
  deadlineMs?: number | undefined;
}

/** What a provider client adds to the retrying fetch's options (internal). */
export interface FetcherOptions extends RetryingFetchOptions {
  /**
   * Added to a 401's message when createClient got no apiKey and the request carried no key where the
   * spec puts one (headers, body): `apiKey: process.env.X` with X unset is the usual cause. A key a
   * custom fetch adds is not seen, so the hint says only what createClient was given.
   */
  noKeyHint?: string | undefined;
}

/** createRetryingFetch's implementation; the streaming fetch passes `extras` per call (internal). */
export function createFetcher(options: FetcherOptions) {
  const { catalog, idempotencyHeader } = options;
  const client = { policy: resolveRetryPolicy(options.retry), ...checkedTimes(options, 60_000, undefined) };
  checkFetch(options.fetch);
  check(idempotencyHeader === undefined || (typeof idempotencyHeader === "string" && /^[!#$%&'*+.^_`|~\w-]+$/.test(idempotencyHeader)), "idempotencyHeader", "an HTTP header name", idempotencyHeader);
  const fetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const runtime = checkedRuntime(options.runtime);
  const { provider } = catalog;

  return async <O extends AttemptResult = FetchOutcome>(input: RequestInfo | URL, init?: RequestInit, extras?: AttemptExtras<O>): Promise<O | FetchOutcome> => {
    const limits = extras?.limits;
    // Most calls set none of their own: the client's, resolved once.
    const ownLimits = limits && (limits.retry !== undefined || limits.timeoutMs !== undefined || limits.deadlineMs !== undefined);
    const { policy, timeoutMs, deadlineMs } = ownLimits ? withCallLimits(limits, options.retry, client) : client;
    const secrets = extras?.secrets ? [...(options.secrets ?? []), ...extras.secrets] : (options.secrets ?? []);
    const own = extras?.fetch as ((request: Request) => Promise<Response>) | undefined;
    checkFetch(own);
    // A new Request per attempt, as openapi-fetch would hand it one: the method, headers, key and body go with it.
    const send: FetchLike = own ? (url, init) => own(new Request(url, init)) : fetch;
    const request = await toReplayableRequest(input, init);
    const { headers, signal, replayable } = request;
    const defaults = { ...extras?.defaultHeaders, ...(idempotencyHeader && { [idempotencyHeader]: idempotencyKey() }) };
    for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
    const deadlineAt = deadlineMs === undefined ? undefined : runtime.now() + deadlineMs;
    const idempotent = policy.idempotent ?? extras?.idempotent ?? (IDEMPOTENT_METHODS.includes(request.method) || (idempotencyHeader !== undefined && headers.has(idempotencyHeader)));
    const failure = (kind: TransportFailure, cause: unknown, head?: ResponseHead) => ({ response: undefined, error: transportError(provider, kind, cause, secrets, head) });

    // One attempt: the response headers, and an error body (or an in-band 2xx), within the attempt's timeout.
    const sendOnce = async (): Promise<FetchOutcome | { response: undefined; error: ProviderError; answerLost: boolean }> => {
      if (signal?.aborted) return failure("aborted", signal.reason);
      const timeout = new AbortController();
      const budgetMs = deadlineAt === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(0, deadlineAt - runtime.now()));
      const stopTimer = startTimer(budgetMs, () => timeout.abort(new DOMException("attempt timed out", "TimeoutError")));
      let { signal: attemptSignal, release } = signal ? eitherSignal(signal, timeout.signal) : { signal: timeout.signal, release: undefined };
      let response: Response | undefined;
      try {
        response = await untilAborted(
          send(request.url, {
            ...request.init,
            method: request.method,
            headers,
            body: request.body,
            signal: attemptSignal,
            ...(replayable ? {} : { duplex: "half" }),
          } as RequestInit),
          attemptSignal,
          discardBody,
        );
        const { status } = response;
        const success = status >= 200 && status < 300;
        if (success && !catalog.errorFormat.inBand && !extras?.readBody) {
          // The body goes back unread: the caller's abort must still reach it, so its listener stays.
          release = undefined;
          return { response };
        }
        const text = await untilAborted(response.text(), attemptSignal);
        const error = success && !catalog.errorFormat.inBand ? undefined : parseErrorWith(catalog, { status, headers: response.headers, body: text }, { now: runtime.now, secrets });
        // The typed client takes the text as it is: rebuilding a Response for it costs more than the call's overhead budget.
        if (!error && extras?.readBody) return { response, text };
        // The body was read: hand the caller an unread copy (none for a status fetch cannot rebuild; the error keeps all).
        const replay = replayResponse(response, text);
        return error ? { response: replay, error } : replay ? { response: replay } : failure("network", new TypeError(`unusable HTTP status ${status}`));
      } catch (cause) {
        const kind = signal?.aborted ? "aborted" : timeout.signal.aborted ? "timeout" : "network";
        if (response && kind !== "aborted" && !(response.status >= 200 && response.status < 300)) {
          // An error status arrived before its body failed: classify that answer (a 400 is not retried,
          // a 429's Retry-After is honoured), with the body's failure as the cause.
          const answered = parseErrorWith(catalog, { status: response.status, headers: response.headers }, { now: runtime.now, secrets })!;
          return { response: undefined, error: answered.with({ message: `${answered.message} (its body ${kind === "timeout" ? "timed out" : "was cut off"})`, cause }) };
        }
        // A 2xx arrived, then its body failed: the provider has acted on the request.
        return { ...failure(kind, cause, response && headOf(catalog.errorFormat, response)), answerLost: response !== undefined && kind !== "aborted" };
      } finally {
        stopTimer();
        release?.();
      }
    };
    // Aborted before anything was sent: `attempts` counts requests sent, so 0.
    if (signal?.aborted) return { response: undefined, error: transportError(provider, "aborted", signal.reason, secrets).with({ attempts: 0 }) };
    const outcome = await retryAttempts<O | FetchOutcome>({ provider, policy, runtime, secrets, replayable, idempotent, signal, deadlineAt }, async (attempts) => {
      const outcome = await sendOnce();
      if (outcome.error) return outcome;
      return extras?.onSuccess ? extras.onSuccess(outcome.response, attempts, signal, deadlineAt) : { ...outcome, attempts };
    });
    const { error } = outcome;
    const keyless = options.noKeyHint && !extras?.anonymous && secrets.length === 0 && error?.status === 401;
    return keyless ? ({ ...outcome, error: error.with({ message: `${error.message} (${options.noKeyHint})` }) } as typeof outcome) : outcome;
  };
}

type Limits = { policy: RetryPolicy; timeoutMs: number; deadlineMs: number | undefined };

function checkFetch(fetch: unknown): void {
  if (fetch !== undefined && typeof fetch !== "function") throw new TypeError(`fetch must be a function, got ${kindOf(fetch)}`);
}

/** timeoutMs and deadlineMs, checked (invalid ones throw), each falling back to the given default. */
function checkedTimes(given: Pick<CallLimits, "timeoutMs" | "deadlineMs">, timeoutMs: number, deadlineMs: number | undefined) {
  return { timeoutMs: positiveMs("timeoutMs", given.timeoutMs, timeoutMs), deadlineMs: positiveMs("deadlineMs", given.deadlineMs, deadlineMs) };
}

/**
 * One call's limits over the client's: its retry options merged over the client's (a key left
 * `undefined` keeps the client's value), its times in place of them. The client's budget stays unless
 * the call names another RetryBudget or `false`, so that no call escapes it; `retry: false` sends once
 * and still reports to the budget.
 */
function withCallLimits(limits: CallLimits, clientRetry: RetryOptions | false | undefined, client: Limits): Limits {
  const { retry } = limits;
  check(retry === undefined || retry === false || isPlainObject(retry), "retry", "false or an object of retry options", retry);
  let policy = client.policy;
  if (retry === false) policy = { ...client.policy, maxRetries: 0 };
  else if (retry) {
    // Checked as given: a misspelt key left undefined would not reach resolveRetryPolicy.
    checkKeys(retry, "retry", RETRY_KEYS, true);
    const { budget, ...given } = retry;
    check(budget === undefined || budget === false || budget instanceof RetryBudget, "retry.budget", "a RetryBudget or false on one call (the client's is used otherwise)", budget);
    const own = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    // Over the client's options: a client created with `retry: false` still sends once unless the call says how often.
    const base = clientRetry === false ? { maxRetries: 0 } : (clientRetry ?? {});
    policy = resolveRetryPolicy({ ...base, ...own, budget: budget ?? client.policy.budget ?? false });
  }
  return { policy, ...checkedTimes(limits, client.timeoutMs, client.deadlineMs) };
}

/**
 * `work`, or the signal's reason as soon as it aborts: a custom `fetch` that ignores `init.signal`
 * (a wrapper that rebuilds init, say) must not make timeouts and aborts wait for it. What `work`
 * still yields after the abort goes to `late`, to release it (a response's unread body).
 */
function untilAborted<T>(work: T | Promise<T>, signal: AbortSignal, late?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    // Promise.resolve: a mock fetch may return a Response rather than a promise of one.
    Promise.resolve(work)
      .then((value) => (signal.aborted && late ? late(value) : resolve(value)), reject)
      .finally(() => signal.removeEventListener("abort", abort));
  });
}

/** The status line and headers of a response whose body then failed. */
export function headOf(format: ErrorFormat, response: Response): ResponseHead {
  const headers = toHeaderRecord(response.headers);
  return { status: response.status, headers, requestId: requestIdOf(format, headers) };
}

/** Cancels the body of a response that arrived after its attempt was given up. */
const discardBody = (response: Response) => void response.body?.cancel().catch(() => {});

/** Methods that RFC 9110 defines as idempotent: sending one twice has the effect of sending it once. */
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/** Statuses whose Response may not have a body. */
const NULL_BODY = [101, 103, 204, 205, 304];

/** An unread copy of a response whose body was read; undefined when fetch cannot build one (status 600+). */
function replayResponse(response: Response, text: string): Response | undefined {
  const { status, statusText, headers, url } = response;
  try {
    const replay = new Response(NULL_BODY.includes(status) ? null : text, { status, statusText, headers });
    // A constructed Response has no URL: keep the one that was fetched (after redirects).
    return Object.defineProperty(replay, "url", { value: url });
  } catch {
    return undefined;
  }
}
