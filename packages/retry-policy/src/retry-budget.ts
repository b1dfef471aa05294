import { check } from "./validate.js";
import { checkKeys } from "./option-keys.js";

export interface RetryBudgetOptions {
  /**
   * Bucket size. Retries stop while the tokens are at or below half of it. Default 20: a client sends
   * at most 9 retries into a full outage, and a burst of unlucky failures at a healthy 10 % failure
   * rate does not switch retries off (with 10, one run of 1,000 calls in seven fell below 99.5 %
   * success in `pnpm bench`).
   */
  maxTokens?: number | undefined;
  /** Tokens a success earns back. Default 0.2: retries keep flowing up to about a 1-in-6 failure rate. */
  tokenRatio?: number | undefined;
}

export const BUDGET_KEYS = ["maxTokens", "tokenRatio"] as const satisfies readonly (keyof RetryBudgetOptions)[];

/**
 * A token bucket in the manner of gRPC retry throttling: every failed attempt costs one token, every
 * success earns `tokenRatio`, and no retry is sent while the bucket is at or below half. In a full
 * outage a client therefore stops retrying after about `maxTokens / 2` retries in total, instead of
 * multiplying the outage's traffic by `maxRetries + 1`.
 */
const BRAND = Symbol.for("errata.RetryBudget");

export class RetryBudget {
  readonly maxTokens: number;
  readonly tokenRatio: number;
  #tokens: number;

  /**
   * `instanceof RetryBudget` holds for a budget from any copy of this package (its ESM and its CJS
   * build, two installed versions): one budget is meant to be shared by every client.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    // A subclass keeps the ordinary check.
    return this === RetryBudget ? (value as Record<symbol, unknown> | null)?.[BRAND] === true : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(options: RetryBudgetOptions = {}) {
    checkKeys(options, "RetryBudget", BUDGET_KEYS, true);
    const maxTokens = options.maxTokens ?? 20;
    const tokenRatio = options.tokenRatio ?? 0.2;
    for (const [name, value] of [["maxTokens", maxTokens], ["tokenRatio", tokenRatio]] as const) {
      check(value > 0 && Number.isFinite(value), `RetryBudget: ${name}`, "a finite number > 0", value);
    }
    this.maxTokens = this.#tokens = maxTokens;
    this.tokenRatio = tokenRatio;
    Object.defineProperty(this, BRAND, { value: true });
  }

  get tokens(): number {
    return this.#tokens;
  }

  /** Whether a retry may be sent now. */
  canRetry(): boolean {
    return this.#tokens > this.maxTokens / 2;
  }

  recordFailure(): void {
    this.#tokens = Math.max(0, this.#tokens - 1);
  }

  recordSuccess(): void {
    this.#tokens = Math.min(this.maxTokens, this.#tokens + this.tokenRatio);
  }
}
