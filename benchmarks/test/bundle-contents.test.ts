import { describe, expect, it } from "vitest";
import { BUNDLE_ENTRIES, buildEntry } from "../src/bundle-size.js";

// What an app ships, checked by content rather than by size: string literals survive minification,
// so a message that only one part of the package contains shows whether that part was bundled.
const entry = (client: string) => BUNDLE_ENTRIES.find((e) => e.client === client)!.code;
const text = (files: Uint8Array[]) => files.map((f) => new TextDecoder().decode(f)).join("\n");

/** Literals that only the retry runtime holds (option checks and the attempt timer). */
const RETRY_RUNTIME = ["idempotencyHeader", "retry.onRetry must be a function", "attempt timed out"];
/** Literals that only the streaming reader holds. */
const STREAM_READER = ["this stream is already being read", "max-buffer-size-exceeded"];

describe("what a bundler keeps of the published packages", () => {
  it.each([
    ["parseError alone leaves out the retry runtime and openapi-fetch", { given: "errata parseError only (@errata/gpt-gob)", want: { upFront: ["gremlin_in_the_pipes"], notUpFront: [...RETRY_RUNTIME, "onRequest: must return"] } }],
    ["createClient ships the retry runtime but not the stream reader", { given: "errata (@errata/gpt-gob)", want: { upFront: [...RETRY_RUNTIME, "onRequest: must return"], notUpFront: STREAM_READER, lazy: STREAM_READER } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const { upFront, lazy } = await buildEntry(entry(given));
    const shipped = text(upFront);
    for (const literal of want.upFront) expect(shipped, literal).toContain(literal);
    for (const literal of want.notUpFront) expect(shipped, literal).not.toContain(literal);
    // The reader still exists, in the chunk that the first stream() loads.
    if ("lazy" in want) for (const literal of want.lazy) expect(text(lazy), literal).toContain(literal);
  });
});
