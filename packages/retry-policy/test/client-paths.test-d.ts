import { describe, expectTypeOf, it } from "vitest";
import type { WithBodyKeyOptional, WithoutInBandErrors } from "../src/openapi-fetch/index.js";

// A hand-made `paths` in openapi-typescript's shape, covering the cases the generated views must keep.
type Job = { state: { phase: "done" }; output: string[] };
type Queued = { state: { phase: "queued" }; eta: number };
type Failure = { state: { phase: "error" | "failed" }; message: string };
interface paths {
  "/jobs": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { limit?: number } };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { "application/json": Job[] } } };
    };
    post: {
      parameters: { query?: never };
      requestBody: { content: { "application/json": { key: string; prompt: string; n?: number } } };
      responses: {
        200: { headers: Record<string, unknown>; content: { "application/json": Job | Queued | Failure } };
        400: { headers: Record<string, unknown>; content: { "application/json": Failure } };
      };
    };
    put?: never;
  };
  "/jobs/{id}": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { "application/json": { key: string } } };
      responses: { "2XX": { headers: Record<string, unknown>; content: { "application/json": Job | Failure } } };
    };
    patch: {
      parameters: { path: { id: string } };
      requestBody?: { content: { "application/json": { key: string; note: string } } };
      responses: { 204: { headers: Record<string, unknown>; content?: never } };
    };
  };
}

type Body<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Data<R> = R extends { content: { "application/json": infer D } } ? D : never;

describe("WithBodyKeyOptional", () => {
  type P = WithBodyKeyOptional<paths, "key">;

  it("makes the key optional and leaves every other field as it was", () => {
    expectTypeOf<Body<P["/jobs"]["post"]>>().toEqualTypeOf<{ prompt: string; n?: number; key?: string }>();
    expectTypeOf<P["/jobs"]["post"]["requestBody"]>().toEqualTypeOf<{ content: { "application/json": { prompt: string; n?: number; key?: string } } }>();
  });

  it("makes a body whose only required field is the key optional as a whole", () => {
    expectTypeOf<{}>().toMatchTypeOf<Pick<P["/jobs/{id}"]["post"], "requestBody">>();
    expectTypeOf<{}>().not.toMatchTypeOf<Pick<P["/jobs"]["post"], "requestBody">>();
    expectTypeOf<Body<P["/jobs/{id}"]["post"]>>().toEqualTypeOf<{ key?: string }>();
  });

  it("keeps an optional body optional, and leaves operations without a body, absent methods and parameters alone", () => {
    expectTypeOf<Body<P["/jobs/{id}"]["patch"]>>().toEqualTypeOf<{ note: string; key?: string }>();
    expectTypeOf<P["/jobs"]["get"]>().toEqualTypeOf<paths["/jobs"]["get"]>();
    expectTypeOf<P["/jobs"]["put"]>().toEqualTypeOf<undefined>();
    expectTypeOf<P["/jobs"]["parameters"]>().toEqualTypeOf<paths["/jobs"]["parameters"]>();
    expectTypeOf<P["/jobs"]["post"]["responses"]>().toEqualTypeOf<paths["/jobs"]["post"]["responses"]>();
  });
});

describe("WithoutInBandErrors", () => {
  type P = WithoutInBandErrors<paths, "state.phase", "error" | "failed">;

  it("removes in-band error bodies from 2xx responses, by a dotted path", () => {
    expectTypeOf<Data<P["/jobs"]["post"]["responses"][200]>>().toEqualTypeOf<Job | Queued>();
    expectTypeOf<Data<P["/jobs/{id}"]["post"]["responses"]["2XX"]>>().toEqualTypeOf<Job>();
  });

  it("leaves error responses, bodies without the marker and requests alone", () => {
    expectTypeOf<Data<P["/jobs"]["post"]["responses"][400]>>().toEqualTypeOf<Failure>();
    expectTypeOf<Data<P["/jobs"]["get"]["responses"][200]>>().toEqualTypeOf<Job[]>();
    expectTypeOf<P["/jobs"]["post"]["requestBody"]>().toEqualTypeOf<paths["/jobs"]["post"]["requestBody"]>();
  });

  it("composes with WithBodyKeyOptional", () => {
    type Both = WithoutInBandErrors<WithBodyKeyOptional<paths, "key">, "state.phase", "error" | "failed">;
    expectTypeOf<Body<Both["/jobs"]["post"]>>().toEqualTypeOf<{ prompt: string; n?: number; key?: string }>();
    expectTypeOf<Data<Both["/jobs"]["post"]["responses"][200]>>().toEqualTypeOf<Job | Queued>();
  });
});
