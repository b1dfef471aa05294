import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readStreams } from "../../src/generate/stream-module.js";
import { edit, inBand, streamExtension as extension, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/stream-extension-valid";
const media = "#/paths/~1chat/post/responses/200/content/text~1event-stream";
const ext = `${media}/x-errata-stream`;
const at = (pointer: string): Found => [rule, pointer];

const eventRule = "                  - event: error\n                    wrap: error\n";
const serverError = '          description: Server error.\n          content:\n            application/json:\n';

/** The fixture with its 200 moved to components.responses.Stream, and the operation's given responses. */
function shared(responses: string, components = ""): string {
  const block = /        "200":\n([\s\S]*?)(?=        "500":)/.exec(streaming)![1]!;
  const body = block.replace(/^ {4}/gm, "");
  return edit(
    streaming,
    [block, ""],
    ['        "200":\n', responses],
    ["components:\n  schemas:\n", `components:\n  responses:\n    Stream:\n${body}${components}  schemas:\n`],
  );
}

/** Cases the generator (readStreams) rejects as well: the lint and the generator agree on what is valid. */
const rejectedByGenerator: [string, { given: string; want: Found[] }][] = [
  ["the extension is a string", { given: edit(streaming, [extension, "              x-errata-stream: sse\n"]), want: [at(ext)] }],
  ["an unknown field", { given: edit(streaming, ["                requestBody: { stream: true }\n", "                requestBody: { stream: true }\n                resume: true\n"]), want: [at(`${ext}/resume (key)`)] }],
  ["an inline dataSchema", { given: edit(streaming, ['                dataSchema:\n                  $ref: "#/components/schemas/Chunk"\n', "                dataSchema: { type: object }\n"]), want: [at(`${ext}/dataSchema`)] }],
  ["a dataSchema naming no component", { given: edit(streaming, ['$ref: "#/components/schemas/Chunk"', '$ref: "#/components/schemas/Chunks"']), want: [at(`${ext}/dataSchema`)] }],
  ["a requestBody that is not a mapping", { given: edit(streaming, ["requestBody: { stream: true }", "requestBody: true"]), want: [at(`${ext}/requestBody`)] }],
  ["a terminator with only deliver", { given: edit(streaming, ['terminator: { data: "[DONE]" }', "terminator: { deliver: true }"]), want: [at(`${ext}/terminator`)] }],
  ["a matcher field that is not a string", { given: edit(streaming, ['terminator: { data: "[DONE]" }', "terminator: { data: 1 }"]), want: [at(`${ext}/terminator/data`)] }],
  ["deliver that is not a boolean", { given: edit(streaming, ['terminator: { data: "[DONE]" }', 'terminator: { event: message_stop, deliver: "yes" }']), want: [at(`${ext}/terminator/deliver`)] }],
  ["errors that are a mapping", { given: edit(streaming, [/                errors:\n[\s\S]*?(?=              examples:)/, "                errors: { has: error }\n"]), want: [at(`${ext}/errors`)] }],
  ["an error rule that is a string", { given: edit(streaming, [eventRule, "                  - error\n"]), want: [at(`${ext}/errors/1`)] }],
  ["an error rule with an unknown field", { given: edit(streaming, ["                    wrap: error\n", "                    wrapp: error\n"]), want: [at(`${ext}/errors/1/wrapp (key)`)] }],
  ["deliver on an error rule", { given: edit(streaming, ["                    wrap: error\n", "                    wrap: error\n                    deliver: true\n"]), want: [at(`${ext}/errors/1/deliver (key)`)] }],
  ["an error rule with only wrap", { given: edit(streaming, [eventRule, "                  - wrap: error\n"]), want: [at(`${ext}/errors/1`)] }],
  ["an error rule's dataSchema naming no component", { given: edit(streaming, ['                      $ref: "#/components/schemas/Error"', '                      $ref: "#/components/schemas/Nope"']), want: [at(`${ext}/errors/0/dataSchema`)] }],
  ["two streaming responses on one path", { given: shared('        "200":\n          $ref: "#/components/responses/Stream"\n        "201":\n          $ref: "#/components/responses/Stream"\n'), want: [at("#/components/responses/Stream/content/text~1event-stream/x-errata-stream (key)")] }],
];

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["a stream with its x-errata-stream passes", { given: streaming, want: [] }],
    ["a document without streams passes", { given: valid, want: [] }],
    ["an in-band document without streams passes", { given: inBand, want: [] }],
    ["a stream in a shared component response passes", { given: shared('        "200":\n          $ref: "#/components/responses/Stream"\n'), want: [] }],
    // where it sits
    ["a 200 text/event-stream without x-errata-stream", { given: edit(streaming, [extension, ""]), want: [at(`${media} (key)`)] }],
    ["a 2XX text/event-stream without x-errata-stream", { given: edit(streaming, [extension, ""], ['        "200":', '        "2XX":']), want: [at("#/paths/~1chat/post/responses/2XX/content/text~1event-stream (key)")] }],
    ["on a 2XX range, which the generator does not read", { given: edit(streaming, ['        "200":', '        "2XX":']), want: [at("#/paths/~1chat/post/responses/2XX/content/text~1event-stream/x-errata-stream (key)")] }],
    ["on a 500 JSON response", { given: edit(streaming, [serverError, `${serverError}${extension}`]), want: [at("#/paths/~1chat/post/responses/500/content/application~1json/x-errata-stream (key)")] }],
    ["on a media type with parameters", { given: edit(streaming, ["            text/event-stream:", '            "text/event-stream; charset=utf-8":']), want: [at("#/paths/~1chat/post/responses/200/content/text~1event-stream; charset=utf-8/x-errata-stream (key)")] }],
    ["on the operation", { given: edit(streaming, ["    post:\n", "    post:\n      x-errata-stream: {}\n"]), want: [at("#/paths/~1chat/post/x-errata-stream (key)")] }],
    ["at the document root", { given: `${streaming}x-errata-stream:\n  terminator: { data: "[DONE]" }\n`, want: [at("#/x-errata-stream (key)")] }],
    ["in a component response no operation uses", { given: shared('        "200":\n          $ref: "#/components/responses/Stream"\n', "    Unused:\n      description: Unused.\n      content:\n        text/event-stream:\n          x-errata-stream: {}\n"), want: [at("#/components/responses/Unused/content/text~1event-stream/x-errata-stream (key)")] }],
    ["behind two $refs, which the generator does not follow", { given: shared('        "200":\n          $ref: "#/components/responses/Again"\n', '    Again:\n      $ref: "#/components/responses/Stream"\n'), want: [at("#/components/responses/Stream/content/text~1event-stream/x-errata-stream (key)")] }],
    // its form (the generator's checks)
    ...rejectedByGenerator,
    // the error frames of the examples
    ["an event: error frame no rule recognises", { given: edit(streaming, [eventRule, ""]), want: [at(`${media}/examples/overloaded/value`)] }],
    ['a data: {"error": ...} frame no rule recognises', { given: edit(streaming, ["                  - has: error\n", "                  - has: failure\n"]), want: [at(`${media}/examples/stream_cut/value`)] }],
    ["event: message does not match a frame without an event: line", { given: edit(streaming, ["                  - has: error\n", "                  - event: message\n"]), want: [at(`${media}/examples/stream_cut/value`)] }],
    ["a terminator that matches an error frame first", { given: edit(streaming, ['terminator: { data: "[DONE]" }', "terminator: { has: error }"]), want: [at(`${media}/examples/stream_cut/value`)] }],
    ["a bare error object without wrap loses its type", { given: edit(streaming, ["                    wrap: error\n", ""]), want: [at(`${media}/examples/overloaded/value`)] }],
    ["wrap under a key the catalog does not read", { given: edit(streaming, ["                    wrap: error\n", "                    wrap: err\n"]), want: [at(`${media}/examples/overloaded/value`)] }],
    ["rules are tried in order: a broad first rule still recognises", { given: edit(streaming, ["                  - has: error\n", "                  - event: error\n                    wrap: error\n                  - has: error\n"]), want: [] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["stream-extension-valid"])).toEqual(want);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ["says a missing extension is needed", { given: edit(streaming, [extension, ""]), want: /The 200 text\/event-stream response of POST \/chat has no x-errata-stream/ }],
    ["says why a misplaced extension is ignored", { given: edit(streaming, [serverError, `${serverError}${extension}`]), want: /ignored here: it is on the 500 application\/json response of POST \/chat, and only a 2xx response streams/ }],
    ["suggests a matcher for an unrecognised frame", { given: edit(streaming, [eventRule, ""]), want: /Error frame 2 of example "overloaded" .* recognised by none of x-errata-stream\.errors.*add a matcher such as \{ event: error \}/ }],
    ["suggests wrap for a bare error object", { given: edit(streaming, ["                    wrap: error\n", ""]), want: /matches x-errata-stream\.errors\[1\], but the body .* has nothing at error\.type \/ error\.code.*give the rule wrap: error/ }],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["stream-extension-valid"]);
    expect(problem?.message).toMatch(want);
  });
});

describe(`${rule} agrees with the generator`, () => {
  it("the generator reads the valid fixture", () => {
    expect(readStreams(parse(streaming))).toMatchObject([{ path: "/chat", method: "post", dataSchema: "Chunk" }]);
  });

  it.each(rejectedByGenerator)("the generator rejects %s too", (_name, { given }) => {
    expect(() => readStreams(parse(given))).toThrow(/x-errata-stream/);
  });
});
