import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec.js";
import { readStreams, streamModule } from "../../src/generate/stream-module.js";

const schemas = { Chunk: { type: "object" }, Err: { type: "object" } };
/** A spec whose POST /chat 200 text/event-stream carries the given x-errata-stream. */
const spec = (stream: unknown, status = "200") => ({
  components: { schemas },
  paths: { "/chat": { post: { responses: { [status]: { content: { "text/event-stream": { schema: { type: "string" }, "x-errata-stream": stream } } } } } } },
});
const valid = {
  requestBody: { stream: true },
  dataSchema: { $ref: "#/components/schemas/Chunk" },
  terminator: { data: "[DONE]" },
  errors: [{ has: "error", dataSchema: { $ref: "#/components/schemas/Err" } }, { event: "error", wrap: "error" }],
};

describe("readStreams", () => {
  it("reads the extension into the runtime table, dropping documentation-only fields", () => {
    expect(readStreams(spec(valid))).toEqual([
      {
        path: "/chat",
        method: "post",
        dataSchema: "Chunk",
        format: { requestBody: { stream: true }, terminator: { data: "[DONE]" }, errors: [{ has: "error" }, { event: "error", wrap: "error" }] },
      },
    ]);
  });

  it("ignores non-2xx responses and operations without the extension", () => {
    expect(readStreams(spec(valid, "500"))).toEqual([]);
    expect(readStreams({ paths: { "/x": { get: { responses: { 200: { content: { "application/json": {} } } } } } } })).toEqual([]);
  });

  it("follows a local $ref to components.responses", () => {
    const s = { components: { schemas, responses: { Streamed: spec(valid).paths["/chat"].post.responses["200"] } }, paths: { "/chat": { post: { responses: { 200: { $ref: "#/components/responses/Streamed" } } } } } };
    expect(readStreams(s)).toHaveLength(1);
  });

  it.each([
    ["an unknown field", { given: { ...valid, terminater: {} }, want: /unknown field terminater/ }],
    ["a dataSchema that is not a component ref", { given: { ...valid, dataSchema: { type: "object" } }, want: /dataSchema must be/ }],
    ["a dataSchema naming no schema", { given: { ...valid, dataSchema: { $ref: "#/components/schemas/Nope" } }, want: /unknown schema Nope/ }],
    ["a terminator that matches nothing", { given: { ...valid, terminator: { deliver: true } }, want: /needs at least one of event, data, has/ }],
    ["a matcher field of the wrong type", { given: { ...valid, terminator: { data: 1 } }, want: /terminator\.data: must be a string/ }],
    ["deliver that is not a boolean", { given: { ...valid, terminator: { event: "stop", deliver: "yes" } }, want: /deliver: must be a boolean/ }],
    ["errors that are not a list", { given: { ...valid, errors: { has: "error" } }, want: /errors: must be a list/ }],
    ["an error rule with an unknown field", { given: { ...valid, errors: [{ has: "error", wrapp: "x" }] }, want: /unknown field wrapp/ }],
    ["a requestBody that is not an object", { given: { ...valid, requestBody: true }, want: /requestBody: must be an object/ }],
  ])("rejects %s", (_name, { given, want }) => {
    expect(() => readStreams(spec(given))).toThrow(want);
  });
});

describe("streamModule", () => {
  it("types each stream's events with the spec's component schema", async () => {
    const text = streamModule("gpt-gob", await loadSpec("gpt-gob"));
    expect(text).toContain('"/chat/completions": { method: "post"; event: components["schemas"]["ChatCompletionChunk"] };');
    expect(text).toContain("as const satisfies StreamFormats;");
    expect(text).toContain("export function readStream<P extends keyof GptGobStreams>(");
  });

  it("emits an empty table for a spec without streams", () => {
    const text = streamModule("plain", { paths: {} });
    expect(text).toContain("export type PlainStreams = {};");
    expect(text).not.toContain("./openapi.js");
  });
});
