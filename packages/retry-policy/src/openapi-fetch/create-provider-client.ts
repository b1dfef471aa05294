import type { ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { ErrorRules } from "../catalog.js";
import { ProviderError } from "../provider-error.js";
import { createRetryingFetch, type FetchLike, type RetryingFetchOptions } from "../retrying-fetch.js";
import { authHeaders, bodyAuthSerializer, type AuthPlacement } from "./auth.js";
import { resolveBaseUrl, type ServerTemplate } from "./server-url.js";
import type { ProviderClient } from "./types.js";

/** Options every provider's `createClient` accepts (DESIGN.md, "Public API"). */
export interface ProviderClientOptions extends Omit<RetryingFetchOptions, "catalog" | "secrets"> {
  /** Placed where the provider wants it (a header, or the JSON body). */
  apiKey?: string | undefined;
  /** Default: the spec's server. */
  baseUrl?: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Which of the spec's security schemes carries the key, when it offers several. Default: the first. */
  authScheme?: string;
}

/** What the generated `createClient` of each provider package passes in. */
export interface ProviderClientSetup {
  catalog: ErrorRules;
  server: ServerTemplate;
  /** The spec's ways to send the key, by security scheme name; the first is the default. */
  authSchemes: Readonly<Record<string, AuthPlacement>>;
  /** openapi-fetch's default export, passed in so this package has no runtime dependency on it. */
  createFetchClient: (options: FetchClientOptions) => any;
  /** What single operations need, keyed by "METHOD /path/template" (generated from the spec). */
  operations?: Readonly<Record<string, OperationSetup>>;
}

/** Per-operation facts from the spec that openapi-fetch cannot infer. */
export interface OperationSetup {
  /** The 2xx bodies are only text (e.g. Prometheus metrics): read them as text unless the caller sets `parseAs`. */
  readonly parseAs?: "text";
  /** The operation has `security: []`: the key is not sent. */
  readonly anonymous?: true;
}

class NoResponse extends Error {
  constructor(readonly providerError: ProviderError) {
    super(providerError.message);
  }
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"] as const;

/** Builds the typed client: openapi-fetch for typing and serialisation, the retrying fetch underneath. */
export function createProviderClient<Paths extends Record<string, any>, E extends ProviderError>(
  setup: ProviderClientSetup,
  options: ProviderClientOptions = {},
): ProviderClient<Paths, E> {
  if (options.apiKey !== undefined && typeof options.apiKey !== "string") throw new TypeError("apiKey must be a string");
  const provider = setup.catalog.provider;
  const { apiKey, baseUrl, headers, authScheme, retry, timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime } = options;
  const auth = pickAuth(provider, setup.authSchemes, authScheme);
  const retrying = createRetryingFetch({
    catalog: setup.catalog,
    secrets: apiKey ? [apiKey] : [],
    ...definedOnly({ retry, timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime }),
  });
  const bodySerializer = auth ? bodyAuthSerializer(auth, apiKey) : undefined;
  const base = setup.createFetchClient({
    baseUrl: resolveBaseUrl(provider, setup.server, { ...options, baseUrl }),
    headers: { ...headers, ...(auth ? authHeaders(auth, apiKey) : {}) },
    ...(bodySerializer ? { bodySerializer } : {}),
  });

  const call = async (method: (typeof METHODS)[number], url: string, init: Record<string, unknown> = {}) => {
    // The key belongs in the body: a call whose body the caller could leave out still carries it.
    if (bodySerializer && init.body === undefined && method !== "GET" && method !== "HEAD") init = { ...init, body: {} };
    const operation = setup.operations?.[`${method} ${url}`];
    if (operation?.parseAs && init.parseAs === undefined) init = { ...init, parseAs: operation.parseAs };
    const keyHeader = operation?.anonymous && auth?.in === "header" && apiKey !== undefined ? authHeaders(auth, apiKey) : undefined;
    let last: { response: Response | undefined; error: ProviderError | undefined } = { response: undefined, error: undefined };
    const fetchForCall: FetchLike = async (input, requestInit) => {
      const outcome = await retrying(keyHeader ? withoutHeaders(input, keyHeader) : input, requestInit);
      last = { response: outcome.response, error: outcome.error };
      if (outcome.response) return outcome.response;
      throw new NoResponse(outcome.error!);
    };
    try {
      const result = await base[method](url, { ...init, fetch: fetchForCall });
      if (last.error) return { error: last.error, response: result.response };
      return result;
    } catch (cause) {
      if (cause instanceof NoResponse) return { error: cause.providerError, response: undefined };
      // A 2xx body that is not what it claims (malformed JSON): nothing is lost, the text is on the error.
      const status = last.response?.status ?? 0;
      return {
        error: new ProviderError({
          provider,
          status,
          category: "unknown",
          message: `${provider}: could not read the response body (${cause instanceof Error ? cause.message : String(cause)})`,
          retryable: false,
          cause,
          headers: last.response ? Object.fromEntries(last.response.headers) : {},
        }),
        response: last.response,
      };
    }
  };

  const client: Record<string, unknown> = {};
  for (const method of METHODS) client[method] = (url: string, init?: Record<string, unknown>) => call(method, url, init);
  return client as unknown as ProviderClient<Paths, E>;
}

/** The request without the client-wide key header (an operation with `security: []`); a caller's own value stays. */
function withoutHeaders(input: RequestInfo | URL, remove: Record<string, string>): RequestInfo | URL {
  if (!(input instanceof Request)) return input;
  const request = new Request(input);
  for (const [name, value] of Object.entries(remove)) if (request.headers.get(name) === value) request.headers.delete(name);
  return request;
}

function pickAuth(provider: string, schemes: Readonly<Record<string, AuthPlacement>>, chosen: string | undefined) {
  const names = Object.keys(schemes);
  if (chosen === undefined) return names.length > 0 ? schemes[names[0]!] : undefined;
  const placement = schemes[chosen];
  if (!placement) throw new TypeError(`${provider}: authScheme must be one of ${names.join(", ") || "(none)"}, got ${JSON.stringify(chosen)}`);
  return placement;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
