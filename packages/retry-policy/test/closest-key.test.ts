import { describe, expect, it } from "vitest";
import { closestKey, editDistance } from "../src/closest-key.js";

describe("editDistance (optimal string alignment)", () => {
  it.each([
    ["equal", { given: ["retry", "retry"], want: 0 }],
    ["empty to a word", { given: ["", "retry"], want: 5 }],
    ["a word to empty", { given: ["retry", ""], want: 5 }],
    ["one letter missing", { given: ["rety", "retry"], want: 1 }],
    ["one letter more", { given: ["rettry", "retry"], want: 1 }],
    ["one letter replaced", { given: ["retro", "retry"], want: 1 }],
    ["two neighbours swapped: one edit", { given: ["retyr", "retry"], want: 1 }],
    ["a swap at the start", { given: ["fecth", "fetch"], want: 1 }],
    ["a swap inside a longer word", { given: ["tiemoutMs", "timeoutMs"], want: 1 }],
    ["a swap does not count twice over the same letter", { given: ["ca", "abc"], want: 3 }],
    ["a plural", { given: ["retries", "retry"], want: 3 }],
    ["little alike (one o in common)", { given: ["body", "timeoutms"], want: 8 }],
    ["symmetric", { given: ["timeoutms", "body"], want: 8 }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(editDistance(given[0], given[1])).toBe(want);
  });
});

const CALL = ["retry", "timeoutMs", "deadlineMs", "retry.maxRetries", "retry.initialDelayMs"];
const RETRY = ["maxRetries", "initialDelayMs", "maxDelayMs", "maxRetryAfterMs", "jitter", "budget", "onRetry"];

describe("closestKey: the known key a name probably misspells", () => {
  it.each([
    // Case, `_` and `-` do not count.
    ["deadlineMS", { given: { name: "deadlineMS", known: CALL }, want: "deadlineMs" }],
    ["TIMEOUT_MS", { given: { name: "TIMEOUT_MS", known: CALL }, want: "timeoutMs" }],
    ["deadline-ms", { given: { name: "deadline-ms", known: CALL }, want: "deadlineMs" }],
    ["Retry", { given: { name: "Retry", known: CALL }, want: "retry" }],
    // The same word but for its end.
    ["timeout (no unit)", { given: { name: "timeout", known: CALL }, want: "timeoutMs" }],
    ["deadline (no unit)", { given: { name: "deadline", known: CALL }, want: "deadlineMs" }],
    ["timeoutMillis", { given: { name: "timeoutMillis", known: CALL }, want: "timeoutMs" }],
    ["retries", { given: { name: "retries", known: CALL }, want: "retry" }],
    ["retrys", { given: { name: "retrys", known: CALL }, want: "retry" }],
    ["retryOptions", { given: { name: "retryOptions", known: CALL }, want: "retry" }],
    ["maxRetry", { given: { name: "maxRetry", known: RETRY }, want: "maxRetries" }],
    ["initialDelay", { given: { name: "initialDelay", known: RETRY }, want: "initialDelayMs" }],
    // A few slips inside the word: 1 edit for a key of up to 5 letters, 2 for a longer one.
    ["rety", { given: { name: "rety", known: CALL }, want: "retry" }],
    ["deadlinMs", { given: { name: "deadlinMs", known: CALL }, want: "deadlineMs" }],
    ["tiemoutMs (a swap: 1 edit)", { given: { name: "tiemoutMs", known: CALL }, want: "timeoutMs" }],
    ["retyr (a swap in a 5-letter key: 1 edit)", { given: { name: "retyr", known: CALL }, want: "retry" }],
    ["maxRetires", { given: { name: "maxRetires", known: RETRY }, want: "maxRetries" }],
    ["jiter", { given: { name: "jiter", known: RETRY }, want: "jitter" }],
    ["onretry", { given: { name: "onretry", known: RETRY }, want: "onRetry" }],
    // A dotted known key is compared by its last part.
    ["maxRetries beside retry", { given: { name: "maxRetries", known: CALL }, want: "retry.maxRetries" }],
    ["max_retries beside retry", { given: { name: "max_retries", known: CALL }, want: "retry.maxRetries" }],
    // The nearest wins: "maxDelay" is the end-less "maxDelayMs", not 2 edits from anything else.
    ["maxDelay", { given: { name: "maxDelay", known: RETRY }, want: "maxDelayMs" }],
    // A shared beginning only makes a candidate: "maxRetrys" is 2 edits from maxRetries, 7 from maxRetryAfterMs.
    ["maxRetrys: maxRetries, not maxRetryAfterMs", { given: { name: "maxRetrys", known: RETRY }, want: "maxRetries" }],
    ["maxRetryAfter: maxRetryAfterMs", { given: { name: "maxRetryAfter", known: RETRY }, want: "maxRetryAfterMs" }],
    ["a known key is its own closest", { given: { name: "jitter", known: RETRY }, want: "jitter" }],
    // The same word beats a longer key it begins, wherever the word comes in the list.
    ["idempotent: retry.idempotent, not idempotencyHeader", { given: { name: "idempotent", known: ["idempotencyHeader", "retry.idempotent"] }, want: "retry.idempotent" }],
    // Not close enough.
    ["time (4 letters: too short to stand for timeoutMs)", { given: { name: "time", known: CALL }, want: undefined }],
    ["maxAttempts", { given: { name: "maxAttempts", known: RETRY }, want: undefined }],
    ["delay", { given: { name: "delay", known: RETRY }, want: undefined }],
    ["an empty name", { given: { name: "", known: CALL }, want: undefined }],
    ["no known keys", { given: { name: "retry", known: [] }, want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(closestKey(given.name, given.known)).toBe(want);
  });
});
