import type { ErrorCategory } from "./categories.js";
import { redact } from "./redact.js";
import type { NoRetryReason } from "./retry-decision.js";

const BRAND = Symbol.for("errata.ProviderError");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
/** Each error's secrets, kept off the object so that no enumeration or serialisation can reach them. */
const SECRETS = new WeakMap<object, readonly string[]>();

export interface ProviderErrorInit<P extends string = string, T extends string = string, C extends string = string> {
  provider: P;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  category: ErrorCategory;
  type?: T | undefined;
  code?: C | undefined;
  message: string;
  retryable: boolean;
  /** Retryable only by a new request (resubmitting the job), not by replaying this one. */
  resubmit?: boolean | undefined;
  /** Why a retrying client returned this retryable error rather than retry it (set by the retry loop). */
  notRetried?: Exclude<NoRetryReason, "not_retryable"> | undefined;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  /** The parsed body, or its text when it is not JSON. */
  body?: unknown;
  /** Response headers, lower-cased. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** How many attempts were made before this error was returned. */
  attempts?: number | undefined;
  cause?: unknown;
  /** Strings to redact from the cause's message in toJSON and inspect (the API key). Not a field. */
  secrets?: readonly string[] | undefined;
}

/**
 * A string union that still accepts strings the spec does not know, without losing autocompletion.
 * Written as a conditional type so that TypeScript compares two ProviderErrors field by field: a
 * plain `T | (string & {})` made `T` look covariant, and an error built by hand without a type or
 * code (`ProviderError<"gpt-gob", string, string>`) was then refused where a GptGobError was expected.
 * The false branch is never taken (T is a string); it is `string` so that generic code can still
 * return a `T` or any string as an `OpenUnion<T>`.
 */
export type OpenUnion<T extends string> = [T] extends [string] ? T | (string & {}) : string;

/** What `toJSON()` returns (and `JSON.stringify` writes): the fields as plain data, no methods. */
export type ProviderErrorJSON<P extends string = string, T extends string = string, C extends string = string> = Pick<
  ProviderError<P, T, C>,
  "name" | "provider" | "status" | "category" | "type" | "code" | "retryable" | "resubmit" | "notRetried" | "retryAfterMs" | "requestId" | "body" | "headers" | "attempts" | "message"
> & {
  /** The cause's name and message, the key redacted from it; undefined when the cause is not an Error. */
  cause: { name: string; message: string } | undefined;
};

/**
 * Every failure of every provider call: HTTP, in-band, network, timeout, abort.
 * `retryable` and `category` come from the provider's documented catalog, not from the status alone.
 */
export class ProviderError<
  P extends string = string,
  T extends string = string,
  C extends string = string,
> extends Error {
  /** Literal discriminant, also across realms and duplicate package copies (see `is`). */
  override readonly name = "ProviderError" as const;
  // The class's own name too (loggers print constructor.name): bundlers rename a class that refers to itself.
  static override readonly name: string = "ProviderError";
  // Declared, not initialised: the constructor assigns them all at once (smaller code, same own properties).
  declare readonly provider: P;
  declare readonly status: number;
  declare readonly category: ErrorCategory;
  declare readonly type: OpenUnion<T> | undefined;
  declare readonly code: OpenUnion<C> | undefined;
  declare readonly retryable: boolean;
  /**
   * Set (true) only when the catalog says a replay of this request cannot succeed, but a new one can
   * (ModelsLab's `failed` job): the client did not retry it; submit the work again yourself.
   */
  declare readonly resubmit?: boolean;
  /**
   * Set only by a retrying client, on a retryable error it returned rather than retry (again): the
   * limit that stopped it (`attempts_exhausted`, `budget_exhausted`, `deadline`, ...; see
   * NoRetryReason). Absent on an error that is not retryable, and on what parseError returns.
   */
  declare readonly notRetried?: Exclude<NoRetryReason, "not_retryable">;
  declare readonly retryAfterMs: number | undefined;
  declare readonly requestId: string | undefined;
  declare readonly body: unknown;
  declare readonly headers: Readonly<Record<string, string>>;
  declare readonly attempts: number;

  constructor({ message, cause, secrets, ...fields }: ProviderErrorInit<P, T, C>) {
    super(message, cause === undefined ? undefined : { cause });
    // Every field an own property, in this order, whatever the init leaves out.
    const own = { provider: "", status: 0, category: "unknown", type: undefined, code: undefined, retryable: false, retryAfterMs: undefined, requestId: undefined, body: undefined };
    Object.assign(this, own, fields, { headers: fields.headers ?? {}, attempts: fields.attempts ?? 1 });
    Object.defineProperty(this, BRAND, { value: true });
    if (secrets?.length) SECRETS.set(this, secrets);
  }

  /** True for a ProviderError from any copy of this package or any realm. */
  static is(value: unknown): value is ProviderError {
    return (value as Record<symbol, unknown> | null)?.[BRAND] === true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `instanceof ProviderError` also holds across realms and dual ESM/CJS copies.
    return this === ProviderError ? ProviderError.is(value) : super[Symbol.hasInstance](value);
  }

  /** A copy with some fields changed (attempt counts, the final retry decision). */
  with(changes: Partial<ProviderErrorInit<P, T, C>>): ProviderError<P, T, C> {
    return new ProviderError<P, T, C>({ ...(this as ProviderErrorInit<P, T, C>), message: this.message, cause: this.cause, secrets: SECRETS.get(this), ...changes });
  }

  /** Plain data: every field, and the cause summarised as its name and message (the key redacted from it). */
  toJSON(): ProviderErrorJSON<P, T, C> {
    const { cause } = this;
    const summary = cause instanceof Error ? { name: cause.name, message: redact(cause.message, SECRETS.get(this) ?? []) } : undefined;
    return { ...this, message: this.message, cause: summary };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, opts: unknown) => string) {
    return `ProviderError: ${this.message} ${inspect ? inspect(this.toJSON(), options) : JSON.stringify(this)}`;
  }
}
