import type { ErrorCatalog } from "../src/index.js";

/** A small catalog in the shape the generator emits, covering every way an entry can be recognised. */
export const testCatalog = {
  provider: "acme",
  errorFormat: {
    type: ["error.type"],
    code: ["error.code"],
    message: ["error.message", "detail", "message", "messege"],
    requestIdHeaders: ["x-request-id", "request-id"],
    retryAfter: [{ in: "body", path: "error.retry_after", unit: "s" }],
    inBand: { path: "status", errorValues: ["error", "failed", "expired"] },
  },
  errors: [
    { status: 429, type: "rate_limit", retryable: true, category: "rate_limited", description: "throttled" },
    { status: 429, type: "quota", retryable: false, category: "quota_exceeded", description: "monthly quota" },
    { status: 500, code: "internal_error", retryable: false, category: "server_error", description: "not retryable 500" },
    { status: 503, code: "overloaded", retryable: true, category: "unavailable", description: "overloaded",
      retryAfter: [{ in: "header", name: "x-reset", format: "duration" }] },
    { status: 422, retryable: false, category: "invalid_request", description: "validation" },
    { status: 200, marker: "failed", retryable: true, category: "server_error", description: "job failed" },
    { status: 200, marker: "expired", retryable: true, resubmit: true, category: "server_error", description: "job gone: submit it again" },
    { status: 200, code: "stream_broke", retryable: true, category: "stream_interrupted", stream: true, description: "mid-stream" },
  ],
} as const satisfies ErrorCatalog<"acme">;

export const json = (value: unknown) => JSON.stringify(value);
