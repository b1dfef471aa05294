import { describe, expectTypeOf, it } from "vitest";
import type { ErrorCategory, ProviderError } from "@errata/retry-policy";
import {
  createClient,
  parseError,
  pollUntilDone,
  type ClientPaths,
  type ImageGenerationProcessing,
  type ImageGenerationSuccess,
  type ModelslabError,
  type ModelslabErrorCode,
  type ModelslabErrorType,
  type PollResult,
  type components,
  type paths,
} from "../src/index.js";

type Schemas = components["schemas"];
type JsonBody<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

describe("generated types", () => {
  it("ModelsLab documents no error types or codes: the unions are empty", () => {
    expectTypeOf<ModelslabErrorType>().toEqualTypeOf<never>();
    expectTypeOf<ModelslabErrorCode>().toEqualTypeOf<never>();
    expectTypeOf<"anything">().not.toMatchTypeOf<ModelslabErrorCode>();
  });

  it("errors are ProviderErrors with the provider literal", () => {
    expectTypeOf<ModelslabError>().toMatchTypeOf<ProviderError>();
    expectTypeOf<ModelslabError["provider"]>().toEqualTypeOf<"modelslab">();
    expectTypeOf<ModelslabError["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf(parseError).returns.toEqualTypeOf<ModelslabError | undefined>();
  });

  it("the body status values are literal unions from the spec", () => {
    expectTypeOf<Schemas["Error"]["status"]>().toEqualTypeOf<"error" | "failed">();
    expectTypeOf<Schemas["ImageResult"]["status"]>().toEqualTypeOf<"success" | "processing" | "error" | "failed">();
    expectTypeOf<Schemas["Error"]>().toHaveProperty("messege");
    expectTypeOf<Schemas["JobId"]>().toEqualTypeOf<number | string>();
  });
});

describe("the key in the body (x-errata-auth)", () => {
  it("stays required in the spec's wire types", () => {
    expectTypeOf<Schemas["TextToImageRequest"]["key"]>().toEqualTypeOf<string>();
    expectTypeOf<JsonBody<paths["/images/text2img"]["post"]>>().toEqualTypeOf<Schemas["TextToImageRequest"]>();
  });

  it("is optional in the client's request bodies, every other field unchanged", () => {
    type Body = JsonBody<ClientPaths["/images/text2img"]["post"]>;
    expectTypeOf<Body["key"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Body["prompt"]>().toEqualTypeOf<string>();
    expectTypeOf<Body["model_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Body["width"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Omit<Body, "key">>().toEqualTypeOf<Omit<Schemas["TextToImageRequest"], "key">>();
  });

  it("has no stream(): the spec documents no stream", () => {
    expectTypeOf(createClient()).not.toHaveProperty("stream");
    expectTypeOf(createClient()).toHaveProperty("POST");
    // @ts-expect-error idleTimeoutMs times out streams, and there are none
    createClient({ idleTimeoutMs: 5000 });
  });

  it("is not repeated by the caller; other fields are still checked", async () => {
    const ml = createClient({ apiKey: "ml-test-x" });
    void ml.POST("/images/text2img", { body: { model_id: "flux", prompt: "a cat" } });
    void ml.POST("/images/text2img", { body: { model_id: "flux", prompt: "a cat", key: "ml-other" } });
    void ml.POST("/images/fetch/{id}", { params: { path: { id: "abc123-def456" } } });
    void ml.POST("/images/fetch/{id}", { params: { path: { id: "abc123-def456" } }, body: {} });
    // A job id is a number or a string (JobId), so text2img's `id` goes straight into the fetch path.
    void ml.POST("/images/fetch/{id}", { params: { path: { id: 81234567 } } });
    // @ts-expect-error prompt is required by the spec
    void ml.POST("/images/text2img", { body: { model_id: "flux" } });
    // @ts-expect-error model_id is required by the spec
    void ml.POST("/images/text2img", { body: { prompt: "a cat" } });
    // @ts-expect-error the key is a string
    void ml.POST("/images/text2img", { body: { model_id: "flux", prompt: "a cat", key: 42 } });
    // @ts-expect-error width is an integer, not a string
    void ml.POST("/images/text2img", { body: { model_id: "flux", prompt: "a cat", width: "512" } });
    // @ts-expect-error text2img needs a body
    void ml.POST("/images/text2img");
    // @ts-expect-error fetch needs the job id
    void ml.POST("/images/fetch/{id}", {});
    void ml.POST("/images/fetch", { body: { request_id: 81234567 } });
    void ml.POST("/images/fetch", { body: { request_id: "abc123-def456" } });
    // @ts-expect-error fetch by request id needs the request_id
    void ml.POST("/images/fetch", { body: {} });
    // @ts-expect-error not a path of the spec
    void ml.POST("/images/img2img", { body: {} });
    // @ts-expect-error GET is not documented: fetch is a POST
    void ml.GET("/images/fetch/{id}", { params: { path: { id: "1" } } });
  });
});

describe("in-band errors never reach data (x-errata inBand)", () => {
  it("data is success or processing, an error is a ModelslabError", async () => {
    const ml = createClient({ apiKey: "ml-test-x" });
    const result = await ml.POST("/images/text2img", { body: { model_id: "flux", prompt: "a cat" } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<ModelslabError>();
      expectTypeOf(result.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<Schemas["ImageGenerationSuccess"] | Schemas["ImageGenerationProcessing"]>();
      expectTypeOf(result.data.status).toEqualTypeOf<"success" | "processing">();
      if (result.data.status === "processing") expectTypeOf(result.data.eta).toEqualTypeOf<number>();
      else expectTypeOf(result.data.output).toEqualTypeOf<string[]>();
    }
  });
});

describe("pollUntilDone", () => {
  it("takes a job id or a processing body, and gives the success body as data", async () => {
    const ml = createClient({ apiKey: "ml-test-x" });
    const result = await pollUntilDone(ml, "abc123-def456", { deadlineMs: 120_000 });
    expectTypeOf(result).toEqualTypeOf<PollResult>();
    if (result.error) expectTypeOf(result.error).toEqualTypeOf<ModelslabError>();
    else expectTypeOf(result.data).toEqualTypeOf<ImageGenerationSuccess>();
    void pollUntilDone(ml, 81234567);
    const processing = {} as ImageGenerationProcessing;
    void pollUntilDone(ml, processing, { onProcessing: (body) => expectTypeOf(body.eta).toEqualTypeOf<number>() });
    // @ts-expect-error a success body is not a job to poll
    void pollUntilDone(ml, { status: "success", output: [] });
    // @ts-expect-error maxPolls is a number
    void pollUntilDone(ml, "abc", { maxPolls: "3" });
  });
});
