import type { ErrorCategory } from "./categories.js";

const BRAND = Symbol.for("errata.ProviderError");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

export interface ProviderErrorInit<P extends string = string, T extends string = string, C extends string = string> {
  provider: P;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  category: ErrorCategory;
  type?: T | undefined;
  code?: C | undefined;
  message: string;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  /** The parsed body, or its text when it is not JSON. */
  body?: unknown;
  /** Response headers, lower-cased. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** How many attempts were made before this error was returned. */
  attempts?: number | undefined;
  cause?: unknown;
}

/** A string union that still accepts strings the spec does not know, without losing autocompletion. */
export type OpenUnion<T extends string> = T | (string & {});

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
  readonly provider: P;
  readonly status: number;
  readonly category: ErrorCategory;
  readonly type: OpenUnion<T> | undefined;
  readonly code: OpenUnion<C> | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly attempts: number;

  constructor(init: ProviderErrorInit<P, T, C>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.status = init.status;
    this.category = init.category;
    this.type = init.type;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.body = init.body;
    this.headers = init.headers ?? {};
    this.attempts = init.attempts ?? 1;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for a ProviderError from any copy of this package or any realm. */
  static is(value: unknown): value is ProviderError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `instanceof ProviderError` also holds across realms and dual ESM/CJS copies.
    return this === ProviderError ? ProviderError.is(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** A copy with some fields changed (attempt counts, the final retry decision). */
  with(changes: Partial<ProviderErrorInit<P, T, C>>): ProviderError<P, T, C> {
    return new ProviderError<P, T, C>({ ...this.toInit(), ...changes });
  }

  private toInit(): ProviderErrorInit<P, T, C> {
    return {
      provider: this.provider,
      status: this.status,
      category: this.category,
      type: this.type as T | undefined,
      code: this.code as C | undefined,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
      body: this.body,
      headers: this.headers,
      attempts: this.attempts,
      cause: this.cause,
    };
  }

  toJSON() {
    const cause = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : undefined;
    return {
      name: this.name,
      provider: this.provider,
      status: this.status,
      category: this.category,
      type: this.type,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
      attempts: this.attempts,
      body: this.body,
      headers: this.headers,
      cause,
    };
  }

  [INSPECT](_depth: number, options: { stylize?: unknown }, inspect?: (value: unknown, opts: unknown) => string) {
    const detail = inspect ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON());
    return `ProviderError: ${this.message} ${detail}`;
  }
}
