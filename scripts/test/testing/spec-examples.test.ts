import { describe, expect, it } from "vitest";
import { responseExamples } from "../../src/testing/spec-examples.js";

/** One 429 whose headers give their examples in each place OpenAPI allows. */
const spec = {
  paths: {
    "/chat": {
      post: {
        responses: {
          "429": {
            headers: {
              "X-Own-Example": { example: "23s", schema: { type: "string", examples: ["9s"] } },
              "X-Named-Examples": { examples: { first: { value: "1m" }, second: { value: "2m" } } },
              "X-Schema-Example": { schema: { type: "integer", example: 12 } },
              "X-Schema-Examples": { schema: { type: "string", examples: ["250ms", "1s"] } },
              "X-Shared": { $ref: "#/components/headers/Shared" },
              "X-No-Example": { schema: { type: "string" } },
            },
            content: { "application/json": { example: { error: "slow down" } } },
          },
        },
      },
    },
  },
  components: { headers: { Shared: { schema: { $ref: "#/components/schemas/Wait" } } }, schemas: { Wait: { type: "string", examples: ["3s"] } } },
};

describe("responseExamples: the headers a response documents", () => {
  it("gives each declared header's first example, as text, and leaves out those without one", () => {
    const [example] = responseExamples(spec);
    expect(example?.headers).toEqual({
      "X-Own-Example": "23s",
      "X-Named-Examples": "1m",
      "X-Schema-Example": "12",
      "X-Schema-Examples": "250ms",
      "X-Shared": "3s",
    });
  });
});
