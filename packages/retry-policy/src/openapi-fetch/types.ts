import type { FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { ProviderError } from "../provider-error.js";
import type { CallLimits } from "../retrying-fetch.js";
import type { RetryOptions } from "../retry-options.js";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/**
 * The media types whose bodies the request methods return. Event streams are left out on purpose:
 * they are read through the streaming API, not parsed as one body.
 */
type BodyMediaType = "application/json" | `text/plain${string}`;

/** The paths of `Paths` that define `Method` (openapi-typescript marks absent methods `?: never`). */
export type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in Method]: unknown } ? P : never;
}[keyof Paths];

export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/**
 * A call's `retry` object, held to RetryOptions' keys: `Init` is inferred from the call's own object,
 * so its `retry` would carry a misspelt key (`maxRetrys`) past the check that createClient's options
 * get. Each key RetryOptions lacks is typed `never` here: a compile error ("not assignable to type
 * 'never'") at the misspelt key.
 */
export type ExactRetry<Init> = Init extends { retry?: infer R } ? ExactRetryObject<Exclude<R, false | undefined>> : unknown;
// The object part only (`cond ? { ... } : false` is checked too); nothing to hold when there is none.
type ExactRetryObject<O> = [O] extends [never]
  ? unknown
  : [O] extends [object]
    ? { retry?: false | undefined | (O & { [K in Exclude<keyof O, keyof RetryOptions>]: never }) }
    : unknown;

// CallLimits: one call's own retry options, timeout and deadline, in place of the client's.
type InitParam<Init> = [RequiredKeys<Init>] extends [never]
  ? [(Init & CallLimits & ExactRetry<Init> & { [key: string]: unknown })?]
  : [Init & CallLimits & ExactRetry<Init> & { [key: string]: unknown }];

type SuccessData<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * openapi-fetch's result with one change: every failure is a ProviderError. `response` is undefined
 * when no response arrived (network failure, timeout, abort).
 */
export type ProviderFetchResponse<R, E> =
  | { data: SuccessData<R>; error?: never; response: Response }
  | { data?: never; error: E; response: Response | undefined };

export type ProviderMethod<Paths extends Record<string, any>, Method extends HttpMethod, E> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<ProviderFetchResponse<FetchResponse<Paths[Path][Method], Init, BodyMediaType>, E>>;

/** A typed client for one provider: openapi-fetch's methods, ProviderError for every failure. */
export interface ProviderClient<Paths extends Record<string, any>, E extends ProviderError = ProviderError> {
  GET: ProviderMethod<Paths, "get", E>;
  PUT: ProviderMethod<Paths, "put", E>;
  POST: ProviderMethod<Paths, "post", E>;
  DELETE: ProviderMethod<Paths, "delete", E>;
  OPTIONS: ProviderMethod<Paths, "options", E>;
  HEAD: ProviderMethod<Paths, "head", E>;
  PATCH: ProviderMethod<Paths, "patch", E>;
}
