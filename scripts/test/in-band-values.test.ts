import { describe, expect, it } from "vitest";
import { inBandSuccessValues } from "../src/in-band-values.js";
import { loadSpec, type Spec } from "../src/spec.js";

const inBand = { path: "status", errorValues: ["error", "failed"] };
const statusOf = (schema: object) => ({ type: "object", properties: { status: schema } });
/** A spec whose one operation answers 200 with `schema`; `schemas` go to components. */
const specWith = (schema: object, schemas: Record<string, object> = {}): Spec => ({
  paths: { "/jobs": { post: { responses: { "200": { content: { "application/json": { schema } } }, "400": { content: { "application/json": { schema: statusOf({ const: "nope" }) } } } } } } },
  components: { schemas },
});

describe("inBandSuccessValues: what a 2xx body documents at the in-band path, errors left out", () => {
  it.each([
    ["an enum", { given: specWith(statusOf({ type: "string", enum: ["success", "error"] })), want: ["success"] }],
    ["a const per oneOf branch, through $refs", {
      given: specWith({ oneOf: [{ $ref: "#/components/schemas/Done" }, { $ref: "#/components/schemas/Failed" }, statusOf({ const: "processing" })] }, {
        Done: statusOf({ const: "success" }),
        Failed: statusOf({ $ref: "#/components/schemas/FailedStatus" }),
        FailedStatus: { type: "string", enum: ["error", "failed"] },
      }),
      want: ["success", "processing"],
    }],
    ["allOf carries the property", { given: specWith({ allOf: [{ type: "object" }, statusOf({ enum: ["ok"] })] }), want: ["ok"] }],
    ["an open string: nothing can be undocumented", { given: specWith({ oneOf: [statusOf({ const: "success" }), statusOf({ type: "string" })] }), want: undefined }],
    ["only error values: no successes to compare with", { given: specWith(statusOf({ enum: ["error"] })), want: undefined }],
    ["no such property", { given: specWith({ type: "object", properties: { id: { type: "string" } } }), want: undefined }],
    ["one body shape without the property: open", { given: specWith({ oneOf: [statusOf({ const: "success" }), { type: "object", properties: { id: { type: "string" } } }] }), want: undefined }],
    ["a union inside an allOf, one branch without the property: open", { given: specWith({ allOf: [{ type: "object" }, { oneOf: [statusOf({ const: "success" }), { type: "object" }] }] }), want: undefined }],
    ["a nested path through a union with a branch that lacks it: open", {
      given: { ...specWith({ type: "object", properties: { data: { oneOf: [statusOf({ const: "success" }), { type: "object", properties: { id: {} } }] } } }) },
      path: "data.status",
      want: undefined,
    }],
    ["a nested path that every branch lists", {
      given: { ...specWith({ type: "object", properties: { data: { oneOf: [statusOf({ const: "success" }), statusOf({ enum: ["error"] })] } } }) },
      path: "data.status",
      want: ["success"],
    }],
    ["a 2xx JSON body without a schema: open", { given: { paths: { "/jobs": { post: { responses: { "200": { content: { "application/json": {} } } } } } } }, want: undefined }],
  ] as const)("%s", (_name, { given, want, ...rest }) => {
    const path = "path" in rest ? (rest.path as string) : inBand.path;
    expect(inBandSuccessValues(given, { ...inBand, path })).toEqual(want);
  });

  it("reads ModelsLab's: success and processing", async () => {
    expect(inBandSuccessValues(await loadSpec("modelslab"), inBand)).toEqual(["success", "processing"]);
  });
});
