import { afterEach, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "@errata/scripts/testing";
import { createRetryingFetch, type ErrorRules } from "../src/index.js";
import { idempotencyKey, type KeySource } from "../src/idempotency-key.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Web Crypto as a page on plain http has it: getRandomValues, no randomUUID. */
const webCrypto = globalThis.crypto;
const insecure: KeySource = { getRandomValues: (array) => webCrypto.getRandomValues(array) };

describe("idempotencyKey: a random UUID v4, in a secure context or not", () => {
  it.each<[string, { given: KeySource; want: RegExp }]>([
    ["crypto.randomUUID where there is one", { given: { randomUUID: () => "from-random-uuid", getRandomValues: () => { throw new Error("not used"); } }, want: /^from-random-uuid$/ }],
    ["getRandomValues where randomUUID is missing", { given: insecure, want: UUID_V4 }],
    ["version and variant bits set over bytes that are all ones", { given: { getRandomValues: (a) => a.fill(0xff) }, want: /^ffffffff-ffff-4fff-bfff-ffffffffffff$/ }],
    ["and over bytes that are all zeros", { given: { getRandomValues: (a) => a.fill(0) }, want: /^00000000-0000-4000-8000-000000000000$/ }],
  ])("%s", (_name, { given, want }) => {
    expect(idempotencyKey(given)).toMatch(want);
  });

  it("gives a different key each time", () => {
    const keys = new Set(Array.from({ length: 100 }, () => idempotencyKey(insecure)));
    expect(keys.size).toBe(100);
  });
});

const catalog = { provider: "acme", errorFormat: { message: ["error.message"] }, errors: [] } as const satisfies ErrorRules<"acme">;
let server: TestServer | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
});

describe("an idempotency header outside a secure context", () => {
  it("is still sent, the same key on every attempt, where crypto has no randomUUID", async () => {
    vi.stubGlobal("crypto", insecure);
    server = await startTestServer((i) => (i === 0 ? { status: 503, body: { error: { message: "busy" } } } : { status: 200, body: {} }));
    const send = createRetryingFetch({ catalog, idempotencyHeader: "Idempotency-Key", runtime: { sleep: async () => {} } });
    const { error } = await send(`${server.url}/x`, { method: "POST", body: "{}" });
    expect(error).toBeUndefined();
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID_V4);
    expect(keys[1]).toBe(keys[0]);
  });
});
