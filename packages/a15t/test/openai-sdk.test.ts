import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { errorExamples, startTestServer, type SpecExample } from "@errata/scripts/testing";
import { parseError, type A15tError } from "../src/index.js";

// The README's recipe for the openai SDK ("Classifying responses from another HTTP stack"), typed by
// the SDK's own declarations: this file compiles only if the recipe does.
function classify(err: unknown): A15tError | undefined {
  if (!(err instanceof OpenAI.APIError) || err.status === undefined) throw err;
  return parseError({ status: err.status, headers: err.headers, body: { error: err.error } });
}

// Every error a15t documents, sent by a server on 127.0.0.1 to the real SDK (no retries of its own).
const examples = (await errorExamples("a15t")).filter((ex) => ex.status >= 400 && ex.mediaType === "application/json");
let sending: SpecExample = examples[0]!;
const server = await startTestServer(() => ({ status: sending.status, headers: sending.headers, body: sending.value as object }));
afterAll(() => server.close());
const openai = new OpenAI({ apiKey: "sk-gapk-openai-test", baseURL: server.url, maxRetries: 0, timeout: 5_000 });

async function throughSdk(example: SpecExample): Promise<unknown> {
  sending = example;
  return openai.chat.completions.create({ model: "openai/gpt-4o-mini-2024-07-18", messages: [{ role: "user", content: "Hi" }] }).then(
    () => "no error thrown",
    (err: unknown) => err,
  );
}

describe("the openai SDK recipe: parseError({ status: err.status, headers: err.headers, body: { error: err.error } })", () => {
  it.each(examples.map((ex) => [ex.id, ex] as const))("%s: classified as from the raw body", async (_id, example) => {
    const before = server.requests.length;
    const error = classify(await throughSdk(example));
    const direct = parseError({ status: example.status, headers: example.headers, body: example.body })!;
    expect(error).toMatchObject({ status: direct.status, code: direct.code, type: direct.type, category: direct.category, retryable: direct.retryable, message: direct.message, retryAfterMs: direct.retryAfterMs });
    expect(server.requests.length - before).toBe(1);
  });

  it.each([
    ["internal_error", { status: 500, category: "server_error", retryable: false }],
    ["model_overloaded", { status: 503, category: "unavailable", retryable: true }],
  ] as const)("%s keeps the catalog's meaning (the SDK alone would retry both)", async (code, want) => {
    const example = examples.find((ex) => (ex.value as { error?: { code?: string } }).error?.code === code)!;
    expect(classify(await throughSdk(example))).toMatchObject({ provider: "a15t", code, ...want });
  });

  it("err.error alone, without its envelope, loses the code: why the README wraps it", async () => {
    const example = examples.find((ex) => (ex.value as { error?: { code?: string } }).error?.code === "internal_error")!;
    const err = (await throughSdk(example)) as InstanceType<typeof OpenAI.APIError>;
    expect(parseError({ status: err.status!, headers: err.headers, body: err.error })).toMatchObject({ code: undefined, retryable: true });
  });
});
