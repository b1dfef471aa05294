import type { ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { ErrorRules } from "../catalog.js";
import type { ProviderError } from "../provider-error.js";
import { createFetcher, type CallLimits, type FetchLike, type FetchOutcome, type RetryingFetchOptions } from "../retrying-fetch.js";
import { authHeaders, bodyAuthSerializer, keysCarried, type AuthPlacement } from "./auth.js";
import { requestNotSentError, unreadableBodyError } from "./call-errors.js";
import { resolveBaseUrl, withCallBaseUrl, type ServerTemplate } from "./server-url.js";
import { kindOf } from "../validate.js";
import { checkKeys } from "../option-keys.js";
import type { StreamingClientOptions } from "../stream/streaming-client.js";
import { RETRY_KEYS } from "../retry-options.js";
import { redact } from "../redact.js";
import type { ProviderClient } from "./types.js";

/** Options every provider's `createClient` accepts. */
export interface ProviderClientOptions extends Omit<RetryingFetchOptions, "catalog" | "secrets"> {
  /** Placed where the provider wants it (a header, or the JSON body). */
  apiKey?: string | undefined;
  /** An http(s) URL (a string or a `URL`). Default: the spec's server. */
  baseUrl?: string | URL | undefined;
  /** Extra headers for every request: a record, a `Headers` or `[name, value]` pairs. */
  headers?: HeadersInit | undefined;
  /** Which of the spec's security schemes carries the key, when it offers several. Default: the first. */
  authScheme?: string | undefined;
}

/** What the generated `createClient` of each provider package passes in. */
export interface ProviderClientSetup {
  catalog: ErrorRules;
  server: ServerTemplate;
  /** The spec's ways to send the key, by security scheme name; the first is the default. */
  authSchemes: Readonly<Record<string, AuthPlacement>>;
  /** openapi-fetch's default export, passed in so this package has no runtime dependency on it. */
  createFetchClient: (options: FetchClientOptions) => any;
  /**
   * openapi-fetch's `defaultBodySerializer`. With it the client keeps the serialised body of each call
   * and replays that, instead of reading it back out of the Request openapi-fetch built (which costs
   * about a tenth of a call).
   */
  defaultBodySerializer?: (body: any, headers?: any) => any;
  /** What single operations need, keyed by "METHOD /path/template" (generated from the spec). */
  operations?: Readonly<Record<string, OperationSetup>>;
}

/** Per-operation facts from the spec that openapi-fetch cannot infer. */
export interface OperationSetup {
  /** The 2xx bodies are only text (e.g. Prometheus metrics): read them as text unless the caller sets `parseAs`. */
  readonly parseAs?: "text";
  /** The operation has `security: []`: the key is not sent. */
  readonly anonymous?: true;
  /** The 2xx statuses ("202", or "2XX") documented without a body: an empty one there is `data: undefined`. */
  readonly emptyStatuses?: readonly string[];
  /** `x-errata-idempotent`: whether sending it twice does no harm (true for a POST that only reads, so a lost answer is fetched again). */
  readonly idempotent?: boolean;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"] as const;

/**
 * A call's own keys (CallLimits), and the retry options put beside them by mistake (`maxRetries` for
 * `retry.maxRetries`). A call also carries openapi-fetch's and fetch's keys: only a near miss of
 * these throws (see checkKeys), and none of theirs is one (test/option-keys.test.ts).
 */
export const CALL_KEYS = ["retry", "timeoutMs", "deadlineMs", ...RETRY_KEYS.map((key) => `retry.${key}`)];
/** createClient's keys (ProviderClientOptions, StreamingClientOptions); a spec's server variables add theirs. */
export const OWN_CLIENT_KEYS = ["apiKey", "baseUrl", "headers", "authScheme", "fetch", "idempotencyHeader", "runtime", "idleTimeoutMs", "retry", "timeoutMs", "deadlineMs"] as const satisfies readonly (keyof StreamingClientOptions)[];
export const CLIENT_KEYS = [...OWN_CLIENT_KEYS, ...RETRY_KEYS.map((key) => `retry.${key}`)];
/** 2xx statuses that carry no body by definition. */
const NO_BODY_STATUSES = [204, 205];

/**
 * What openapi-fetch reads of a response whose body the attempt has already read: its status and
 * headers, and `text()`, the one reader it calls with parseAs "text" (pinned openapi-fetch 0.17.0).
 */
function readResponse({ status, ok, statusText, headers, url }: Response, text: string): Response {
  return { status, ok, statusText, headers, url, bodyUsed: false, text: async () => text } as Response;
}

/** Thrown through openapi-fetch when no response arrived: the call returns the retrying fetch's error. */
const NO_RESPONSE = Symbol("errata.no-response");

/** The client-wide headers as fetch reads them; one it refuses (a newline in a value) is named without the key it may hold. */
function checkedHeaders(headers: HeadersInit | undefined, secrets: readonly string[]): Headers {
  try {
    return new Headers(headers);
  } catch (cause) {
    throw new TypeError(redact(`headers: ${cause instanceof Error ? cause.message : String(cause)}`, secrets), { cause });
  }
}

/** `createClient(null)` and the like: said plainly, before anything reads an option. */
export function checkOptionsObject(provider: string, options: unknown): void {
  // The kind only: `createClient(process.env.KEY)` must not print the key.
  if (options === null || typeof options !== "object") throw new TypeError(`${provider}: createClient takes an options object, got ${kindOf(options)}`);
}

/** Builds the typed client: openapi-fetch for typing and serialisation, the retrying fetch underneath. */
export function createProviderClient<Paths extends Record<string, any>, E extends ProviderError>(
  setup: ProviderClientSetup,
  options: ProviderClientOptions = {},
): ProviderClient<Paths, E> {
  return buildProviderClient<Paths, E>(setup, options).client;
}

/** The client, and the openapi-fetch client under it (the streaming client sends its streams through it). */
export function buildProviderClient<Paths extends Record<string, any>, E extends ProviderError>(setup: ProviderClientSetup, options: ProviderClientOptions) {
  checkOptionsObject(setup.catalog.provider, options);
  const variables = Object.values(setup.server.variables ?? {}).map(({ option }) => option);
  // Strict: createClient hands openapi-fetch only what it builds itself, so any other key would be dropped.
  checkKeys(options, "createClient", [...CLIENT_KEYS, ...variables], true);
  const { apiKey, headers, authScheme } = options;
  if (headers !== undefined && (headers === null || typeof headers !== "object")) throw new TypeError(`headers must be a record, a Headers or [name, value] pairs, got ${kindOf(headers)}`);
  // An empty key (an unset environment variable read as "") would be sent as a bare "Bearer ".
  if (apiKey !== undefined && (typeof apiKey !== "string" || apiKey === "")) throw new TypeError("apiKey must be a non-empty string; leave it out to send no key");
  const { catalog, authSchemes, operations } = setup;
  const { provider } = catalog;
  // Every way the spec lets a key travel, so that a key the caller put in a header or a body is redacted too.
  const placements = Object.values(authSchemes);
  const secrets = [...(apiKey ? [apiKey] : []), ...keysCarried(placements, headers, undefined)];
  /** The keys one call carries of its own: its headers, openapi-fetch's `params.header`, its body. */
  const ownKeys = (init: Record<string, unknown>): string[] => [
    ...keysCarried(placements, init.headers, init.body),
    ...keysCarried(placements, (init.params as { header?: unknown } | undefined)?.header, undefined),
  ];
  // Said on a 401 when a request carried no key: not for a spec without auth, whose 401 is no key matter.
  const noKeyHint = placements.length > 0 ? "createClient was given no apiKey" : undefined;
  const retrying = createFetcher({ ...options, catalog, secrets, noKeyHint });
  const names = Object.keys(authSchemes);
  const scheme = authScheme === undefined ? names[0]! : String(authScheme);
  const auth = Object.hasOwn(authSchemes, scheme) ? authSchemes[scheme] : undefined;
  if (authScheme !== undefined && !auth) throw new TypeError(`${provider}: authScheme must be one of ${names.join(", ") || "(none)"}, got ${JSON.stringify(authScheme)}`);
  const keyHeaders = auth ? authHeaders(auth, apiKey) : {};
  const bodySerializer = auth && bodyAuthSerializer(auth, apiKey);
  const fetchClient = setup.createFetchClient({
    baseUrl: resolveBaseUrl(provider, setup.server, options as ProviderClientOptions & Record<string, unknown>, secrets),
    // Headers, [name, value] pairs or a record, as fetch accepts them.
    headers: { ...Object.fromEntries(checkedHeaders(headers, secrets)), ...keyHeaders },
    ...(bodySerializer && { bodySerializer }),
  });

  const call = async (method: (typeof METHODS)[number], url: string, callInit: Record<string, unknown> = {}) => {
    checkKeys(callInit, "call", CALL_KEYS);
    const operation = operations?.[`${method} ${url}`];
    // The call's own limits are the retrying fetch's business, not openapi-fetch's.
    const { retry, timeoutMs, deadlineMs, ...rest } = callInit as CallLimits & Record<string, unknown>;
    let init: Record<string, unknown> = withCallBaseUrl(provider, setup.server, rest, secrets);
    const own = ownKeys(init);
    const callSecrets = own.length === 0 ? secrets : [...secrets, ...own];
    // The key belongs in the body: a call whose body the caller could leave out still carries it.
    if (bodySerializer && init.body === undefined && method !== "GET" && method !== "HEAD") init = { ...init, body: {} };
    const parseAs = init.parseAs ?? operation?.parseAs ?? "json";
    // JSON is read as text and parsed here, so that a malformed 2xx body stays on the error. JSON and
    // text are read inside the attempt, under its timeout and the deadline.
    const asJson = parseAs === "json";
    const extras = { readBody: asJson || parseAs === "text", secrets: own, limits: { retry, timeoutMs, deadlineMs }, fetch: init.fetch, anonymous: operation?.anonymous, idempotent: operation?.idempotent };
    let last: FetchOutcome | undefined;
    let sent = false;
    const serializer = (init.bodySerializer as typeof bodySerializer) ?? bodySerializer ?? setup.defaultBodySerializer;
    let serialized: unknown;
    const capture = serializer && ((body: unknown, headers?: unknown) => (serialized = serializer(body, headers)));
    const fetch: FetchLike = async (input, requestInit) => {
      sent = true;
      // An operation with `security: []` does not send the client-wide key header (a caller's own value stays).
      if (operation?.anonymous && input instanceof Request) {
        input = new Request(input);
        for (const [name, value] of Object.entries(keyHeaders)) if (input.headers.get(name) === value) input.headers.delete(name);
      }
      // The body as serialised (a string, FormData, ...), so that no attempt has to read the Request back.
      const body = typeof serialized === "string" || serialized instanceof FormData || serialized instanceof URLSearchParams ? serialized : undefined;
      last = await retrying<FetchOutcome>(input, body === undefined ? requestInit : { ...requestInit, body }, extras);
      if (last.text !== undefined) return readResponse(last.response, last.text);
      if (last.response) return last.response;
      throw NO_RESPONSE;
    };
    let result;
    try {
      result = await fetchClient[method](url, { ...init, parseAs: asJson ? "text" : parseAs, fetch, ...(capture && { bodySerializer: capture }) });
    } catch (cause) {
      if (cause === NO_RESPONSE) return { error: last!.error, response: undefined };
      if (!sent) return { error: requestNotSentError(provider, cause, callSecrets), response: undefined };
      // Thrown from inside the call (an onRetry hook): a programmer error, not a failed call.
      if (!last) throw cause;
      const { response, error } = last;
      return { error: error ?? unreadableBodyError(catalog, response!, undefined, cause, callSecrets, last.attempts), response };
    }
    // The caller gets the response that was fetched (its body used up, as openapi-fetch leaves it).
    const response = last?.text !== undefined ? last.response! : result.response;
    if (last?.error) return { error: last.error, response };
    if (!asJson) return { ...result, response };
    // openapi-fetch hands back no text for a 204, a HEAD or a Content-Length of 0.
    const text = typeof result.data === "string" ? result.data : "";
    const documentedEmpty = operation?.emptyStatuses?.some((s) => s === String(response.status) || s === "2XX");
    if (text === "" && (NO_BODY_STATUSES.includes(response.status) || method === "HEAD" || documentedEmpty)) return { data: undefined, response };
    try {
      // An empty 200 is no JSON either: `data` would be undefined where its type promises a body.
      if (text === "") throw new SyntaxError("empty body where JSON was expected");
      return { data: JSON.parse(text), response };
    } catch (cause) {
      return { error: unreadableBodyError(catalog, response, text, cause, callSecrets, last?.attempts), response };
    }
  };

  const client = Object.fromEntries(METHODS.map((method) => [method, (url: string, init?: Record<string, unknown>) => call(method, url, init)]));
  return { client: client as unknown as ProviderClient<Paths, E>, fetchClient, secrets, ownKeys, noKeyHint };
}
