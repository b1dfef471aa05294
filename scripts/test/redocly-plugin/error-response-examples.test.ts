import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/error-response-examples";
const plainExample = "          schema:\n            type: string\n          example: Internal Server Error\n";
const quotaExamples = /            slow_down:\n[\s\S]*?(?=    ServerError:)/;

/** A 404 added inline to POST /chat, with the given content lines. */
const with404 = (content: string) =>
  edit(valid, ['        "500":\n          $ref: "#/components/responses/ServerError"\n', `        "500":\n          $ref: "#/components/responses/ServerError"\n        "404":\n          description: No such thing.\n${content}`]);

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["every error media type has an example", { given: valid, want: [] }],
    ["an in-band provider", { given: inBand, want: [] }],
    ["a streaming provider", { given: streaming, want: [] }],
    ["a shared 429 without examples is reported once, at the component", { given: edit(valid, [quotaExamples, "            {}\n"], ["          examples:\n            {}\n", ""]), want: [[rule, "#/components/responses/TooManyRequests/content/application~1json (key)"]] }],
    ["an empty examples map", { given: edit(valid, [quotaExamples, "            {}\n"]), want: [[rule, "#/components/responses/TooManyRequests/content/application~1json (key)"]] }],
    ["a second media type without an example", { given: edit(valid, [plainExample, "          schema:\n            type: string\n"]), want: [[rule, "#/components/responses/ServerError/content/text~1plain (key)"]] }],
    ["an inline 404 without content", { given: with404(""), want: [[rule, "#/paths/~1chat/post/responses/404"]] }],
    ["an inline 404 with a schema but no example", { given: with404("          content:\n            application/json:\n              schema:\n                type: object\n"), want: [[rule, "#/paths/~1chat/post/responses/404/content/application~1json (key)"]] }],
    ["a singular example is enough", { given: with404("          content:\n            application/json:\n              schema:\n                type: object\n              example: { error: { type: server_error } }\n"), want: [] }],
    ["a 4XX range counts as an error response", { given: with404("          content: {}\n").replace('"404":', '"4XX":'), want: [[rule, "#/paths/~1chat/post/responses/4XX"]] }],
    ["a success response needs no example", { given: edit(valid, ["              example: { answer: 42 }\n", ""]), want: [] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["error-response-examples"])).toEqual(want);
  });

  it("names the status, the operation and the media type", async () => {
    const [problem] = await lintYaml(with404(""), ["error-response-examples"]);
    expect(problem?.message).toMatch(/Error response 404 \(POST \/chat\) has no content/);
  });
});
