import { describe, expect, it } from "vitest";
import { PASS_THROUGH_KEYS } from "@errata/scripts/testing";
import { checkKeys } from "../src/option-keys.js";
import { closestKey } from "../src/closest-key.js";
import { CALL_KEYS, CLIENT_KEYS } from "../src/openapi-fetch/create-provider-client.js";
import { STREAM_KEYS } from "../src/stream/streaming-client.js";
import { RETRY_KEYS } from "../src/retry-options.js";

const KNOWN = ["retry", "timeoutMs", "deadlineMs"];

describe("checkKeys", () => {
  it.each([
    ["strict: a misspelt key, with the key it probably meant", { given: { options: { maxRetry: 0 }, strict: true }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["strict: a key like no other, with the known keys", { given: { options: { attempts: 3 }, strict: true }, want: 'unknown retry option "attempts"; known: maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter, budget, onRetry, idempotent' }],
    ["strict: known keys pass", { given: { options: { maxRetries: 1, jitter: "none", onRetry: undefined }, strict: true }, want: undefined }],
    ["strict: an empty object passes", { given: { options: {}, strict: true }, want: undefined }],
    ["lenient: a near miss", { given: { options: { body: {}, maxRetires: 0 }, strict: false }, want: 'unknown retry option "maxRetires" (did you mean "maxRetries"?)' }],
    ["lenient: a key like no other passes", { given: { options: { body: {}, attempts: 3 }, strict: false }, want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    const run = () => checkKeys(given.options, "retry", RETRY_KEYS, given.strict);
    if (want === undefined) expect(run).not.toThrow();
    else expect(run).toThrow(new TypeError(want));
  });

  it("names the key, never its value (which may be an API key put in the wrong place)", () => {
    const key = "sk-live-0123456789abcdef";
    expect(() => checkKeys({ maxRetry: key }, "retry", RETRY_KEYS, true)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(key) }));
    expect(() => checkKeys({ deadlineMS: key }, "call", KNOWN)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(key) }));
  });

  it("shows at most 40 characters of a key, quoted and escaped", () => {
    const long = `a"${"x".repeat(100)}`;
    expect(() => checkKeys({ [long]: 1 }, "retry", RETRY_KEYS, true)).toThrow(`unknown retry option ${JSON.stringify(`${long.slice(0, 40)}…`)}; known:`);
  });

  it("throws for a near miss every time, though it remembers the keys it found fine", () => {
    const known = ["retry", "timeoutMs"];
    for (let i = 0; i < 3; i++) {
      expect(() => checkKeys({ body: {}, signal: undefined }, "call", known)).not.toThrow();
      expect(() => checkKeys({ body: {}, retries: 1 }, "call", known)).toThrow('unknown call option "retries" (did you mean "retry"?)');
    }
  });

  it("reads own enumerable string keys only", () => {
    const options = Object.create({ deadlineMS: 1 }) as object;
    Object.defineProperty(options, "timeoutMS", { value: 1, enumerable: false });
    expect(() => checkKeys(Object.assign(options, { [Symbol("retries")]: 1 }), "call", KNOWN)).not.toThrow();
  });
});

/**
 * The rule that makes a key a near miss must never catch a key that openapi-fetch or fetch reads:
 * those are passed on as they are. Every such key, against every list of errata's keys.
 */
describe("no key of openapi-fetch, RequestInit or a fetch runtime is taken for a typo", () => {
  const lists = {
    "a call's keys": CALL_KEYS,
    "stream()'s keys": STREAM_KEYS,
    "createClient's keys (with GGUF Cloud's deploymentId)": [...CLIENT_KEYS, "deploymentId"],
  };
  const ours = new Set(Object.values(lists).flat());
  const theirs = Object.keys(PASS_THROUGH_KEYS).filter((key) => !ours.has(key));

  it.each(Object.entries(lists))("%s", (_list, known) => {
    const caught = theirs.map((key) => [key, closestKey(key, known)]).filter(([, near]) => near !== undefined);
    expect(caught).toEqual([]);
  });

  it("all of them at once pass checkKeys", () => {
    for (const known of Object.values(lists)) expect(() => checkKeys(PASS_THROUGH_KEYS, "call", known)).not.toThrow();
  });

  it("the keys errata shares with openapi-fetch are known, not near misses (baseUrl, fetch, headers)", () => {
    expect(Object.keys(PASS_THROUGH_KEYS).filter((key) => ours.has(key)).sort()).toEqual(["baseUrl", "fetch", "headers"]);
  });
});
