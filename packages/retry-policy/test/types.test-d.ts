import { describe, expectTypeOf, it } from "vitest";
import { parseErrorWith, type ErrorCategory, type OpenUnion, type ProviderError, type ResponseLike } from "../src/index.js";
import { testCatalog } from "./fixtures.js";

describe("ProviderError generics", () => {
  it("keeps literal unions open but autocompletable", () => {
    type E = ProviderError<"acme", "rate_limit" | "quota", "internal_error">;
    expectTypeOf<E["provider"]>().toEqualTypeOf<"acme">();
    expectTypeOf<"quota">().toMatchTypeOf<NonNullable<E["type"]>>();
    expectTypeOf<E["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf<E["status"]>().toEqualTypeOf<number>();
    expectTypeOf<E["name"]>().toEqualTypeOf<"ProviderError">();
  });

  it("OpenUnion<T> takes T and any string, also in generic code", () => {
    expectTypeOf<OpenUnion<"a" | "b">>().toEqualTypeOf<"a" | "b" | (string & {})>();
    expectTypeOf<OpenUnion<never>>().toEqualTypeOf<string & {}>();
    const keep = <C extends string>(code: C): OpenUnion<C> => code;
    const other = <C extends string>(): OpenUnion<C> => "a code the spec does not know";
    expectTypeOf(keep("x")).toEqualTypeOf<OpenUnion<"x">>();
    expectTypeOf(other<"x">()).toEqualTypeOf<OpenUnion<"x">>();
  });

  it("parseErrorWith carries the provider literal", () => {
    const error = parseErrorWith(testCatalog, { status: 500 });
    expectTypeOf(error).toEqualTypeOf<ProviderError<"acme", string, string> | undefined>();
  });
});

describe("ResponseLike: any body type compiles (a stream, Blob, Response or Promise throws a TypeError at run time)", () => {
  const fromFetch = async (response: Response, json: unknown, parsed: any, sdkError: Object | undefined) => {
    parseErrorWith(testCatalog, { status: response.status, headers: response.headers, body: await response.text() });
    parseErrorWith(testCatalog, { status: 500, body: new Uint8Array(await response.arrayBuffer()) });
    parseErrorWith(testCatalog, { status: 500, body: await response.arrayBuffer() });
    parseErrorWith(testCatalog, { status: 500, body: json });
    parseErrorWith(testCatalog, { status: 500, body: parsed });
    parseErrorWith(testCatalog, { status: 500, body: { error: sdkError } });
    parseErrorWith(testCatalog, { status: 500, body: { error: { code: "internal_error", text: "a field named text" } } });
    parseErrorWith(testCatalog, { status: 500, body: null });
    parseErrorWith(testCatalog, { status: 500, body: undefined });
    parseErrorWith(testCatalog, { status: 500 });
    const saved: ResponseLike = { status: 500, body: "{}" };
    parseErrorWith(testCatalog, saved);
  };
  // A helper generic in its body type: a type-level stream check on ResponseLike rejected it (TS2322).
  function classify<T>(status: number, body: T) {
    return parseErrorWith(testCatalog, { status, body });
  }

  it("accepts text, bytes and parsed JSON however they are typed, and a body of a type parameter", () => {
    expectTypeOf(fromFetch).toBeFunction();
    expectTypeOf(classify<unknown>).returns.toEqualTypeOf<ProviderError<"acme", string, string> | undefined>();
  });
});
