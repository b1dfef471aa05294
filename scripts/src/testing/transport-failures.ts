import { secretLeaks } from "./secrets.js";
import type { RecordedRequest, Reply, TestServer } from "./test-server.js";

/**
 * One scripted transport failure: how the server misbehaves (or that nothing listens at all), extra
 * client options, and when the caller aborts.
 */
export interface TransportFailure {
  /** The server's answer to each request; without it the client is `unreachable` (connection refused). */
  reply?: (index: number) => Reply;
  options?: Record<string, unknown>;
  /**
   * The caller aborts as soon as the server has the request: in flight, unanswered. (Not after a fixed
   * delay, which a loaded machine can outrun before the request even arrives.)
   */
  abortInFlight?: boolean;
}

/** What one call through a transport failure came back with. */
export interface TransportOutcome {
  data?: unknown;
  error?: unknown;
  response?: unknown;
  /** How many requests reached the server (0 when nothing listens). */
  requests: number;
  /** The renderings of the error that show the client's API key: always `[]`. */
  leaks: string[];
  elapsedMs: number;
}

/** The part of the client harness that `sendThrough` uses. */
export interface TransportHarness<C> {
  apiKey: string | undefined;
  setup: (reply: (index: number, request: RecordedRequest) => Reply, options?: any) => Promise<{ client: C; server: TestServer }>;
  unreachable: (options?: any) => C;
}

/**
 * The failures where no HTTP response arrives (nothing listens, a reset, silence, the caller's
 * abort), as `[name, { given, want }]` rows. Retry-policy handles them, so the verdicts are the same
 * for every provider; each provider's e2e test names the rows it covers and sends them with
 * `sendThrough`. `ok` is the provider's success reply (a retried call returns its body as data);
 * `options` are client options every row needs (an auth scheme, say).
 */
export function transportFailures(ok: Reply & { body?: unknown }, names: readonly TransportFailureName[], options: Record<string, unknown> = {}) {
  const row = (name: string, given: TransportFailure, want: Partial<TransportOutcome>) =>
    [name, { given: { ...given, options: { ...options, ...given.options } }, want: { ...want, leaks: [] } }] as const;
  const rows = {
    refused: row("a refused connection is a network error with status 0, the key nowhere in it", {}, {
      requests: 0,
      response: undefined,
      error: { status: 0, category: "network", retryable: true },
    }),
    resetOnce: row("a reset connection is a retryable network error, retried", { reply: (i) => (i === 0 ? { reset: true } : ok) }, {
      requests: 2,
      error: undefined,
      data: ok.body,
    }),
    resetAlways: row("every attempt reset gives network with status 0, fetch's error kept as cause", { reply: () => ({ reset: true }), options: { retry: { maxRetries: 1 } } }, {
      requests: 2,
      response: undefined,
      // Node's fetch reports a reset as this TypeError; the ProviderError keeps it as its cause.
      error: { status: 0, category: "network", retryable: true, attempts: 2, cause: { name: "TypeError", message: "fetch failed" } },
    }),
    silent: row("a server that never answers gives timeout", { reply: () => ({ hang: true }), options: { timeoutMs: HANG_TIMEOUT_MS, retry: { maxRetries: 1 } } }, {
      requests: 2,
      response: undefined,
      error: { status: 0, category: "timeout", retryable: true, attempts: 2 },
    }),
    aborted: row("the caller's abort stops at once, not retried", { reply: () => ({ hang: true }), abortInFlight: true }, {
      requests: 1,
      response: undefined,
      error: { status: 0, category: "aborted", retryable: false },
    }),
    // A response arrived, then its body failed: the error keeps the status and headers, not "no response".
    // The provider has acted on the request, so a POST (every row sends one) is not sent again.
    bodyStalls: row("a body that stalls after its 200 times out with status 200 and the headers kept, not sent again", { reply: () => PARTIAL("hang"), options: { timeoutMs: HANG_TIMEOUT_MS, retry: { maxRetries: 1 } } }, {
      requests: 1,
      response: undefined,
      error: { status: 200, category: "timeout", retryable: true, attempts: 1, notRetried: "not_idempotent", requestId: "req_partial", headers: { "x-request-id": "req_partial" } },
    }),
    bodyCut: row("a body cut off after its 200 is a network error with status 200, not sent again", { reply: () => PARTIAL("reset"), options: { retry: { maxRetries: 1 } } }, {
      requests: 1,
      response: undefined,
      error: { status: 200, category: "network", retryable: true, attempts: 1, notRetried: "not_idempotent", requestId: "req_partial" },
    }),
    bodyCutIdempotent: row("a body cut off after its 200 is sent again when the client calls its requests idempotent", { reply: (i) => (i === 0 ? PARTIAL("reset") : ok), options: { retry: { maxRetries: 1, idempotent: true } } }, {
      requests: 2,
      error: undefined,
      data: ok.body,
    }),
  };
  return names.map((name) => rows[name]);
}

export type TransportFailureName = "refused" | "resetOnce" | "resetAlways" | "silent" | "aborted" | "bodyStalls" | "bodyCut" | "bodyCutIdempotent";

/**
 * The attempt timeout of the rows whose server hangs. Long enough that, on a loaded machine, each
 * attempt reaches the server (and the 200's headers reach the client) before it times out: 400 ms
 * was not, when a full `pnpm test` ran beside other builds.
 */
const HANG_TIMEOUT_MS = 1000;

/** A 200 that announces a longer body than it sends, then stalls or resets. */
const PARTIAL = (then: "hang" | "reset"): Reply => ({ status: 200, headers: { "x-request-id": "req_partial" }, partial: '{"id":"chat_1",', then });

/**
 * Sends one call (`send`, with the caller's signal) through the failure `given` describes, with a
 * client from the harness; returns the call's result, the requests the server saw, the renderings of
 * the error that show the API key, and the time it took.
 */
export async function sendThrough<C, R extends { data?: unknown; error?: unknown; response?: unknown }>(
  harness: TransportHarness<C>,
  given: TransportFailure,
  send: (client: C, signal?: AbortSignal) => Promise<R>,
): Promise<R & TransportOutcome> {
  if (!harness.apiKey) throw new Error("sendThrough needs a harness with an apiKey: every row checks that it never shows");
  const controller = given.abortInFlight ? new AbortController() : undefined;
  const reply = given.reply;
  const answer = (index: number) => {
    controller?.abort();
    return reply!(index);
  };
  const { client, server } = reply
    ? await harness.setup(answer, given.options)
    : { client: harness.unreachable(given.options), server: undefined };
  const started = performance.now();
  const result = await send(client, controller?.signal);
  const elapsedMs = performance.now() - started;
  // Absent keys spelled out, so that a row's `error: undefined` matches a success.
  const { data, error, response } = result;
  const leaks = secretLeaks(error, harness.apiKey);
  return { ...result, data, error, response, requests: server?.requests.length ?? 0, leaks, elapsedMs };
}
