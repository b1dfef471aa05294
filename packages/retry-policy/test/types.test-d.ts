import { describe, expectTypeOf, it } from "vitest";
import { parseErrorWith, type ErrorCategory, type ProviderError, type ResponseLike } from "../src/index.js";
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

  it("parseErrorWith carries the provider literal", () => {
    const error = parseErrorWith(testCatalog, { status: 500 });
    expectTypeOf(error).toEqualTypeOf<ProviderError<"acme", string, string> | undefined>();
  });
});

describe("ResponseLike: what parseErrorWith can read synchronously", () => {
  const fromFetch = async (response: Response, json: unknown, parsed: any, sdkError: Object | undefined, stream: NodeJS.ReadableStream) => {
    // Valid: the text, bytes, parsed JSON however it is typed, no body at all.
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

    // Rejected: each of these would be classified by status alone (and throws a TypeError at run time).
    // @ts-expect-error a Response is not read: pass { status, headers, body: await response.text() }
    parseErrorWith(testCatalog, response);
    // @ts-expect-error response.body is a ReadableStream
    parseErrorWith(testCatalog, { status: response.status, headers: response.headers, body: response.body });
    // @ts-expect-error a Blob
    parseErrorWith(testCatalog, { status: 500, body: await response.blob() });
    // @ts-expect-error response.text() without await
    parseErrorWith(testCatalog, { status: 500, body: response.text() });
    // @ts-expect-error a Node stream (an IncomingMessage)
    parseErrorWith(testCatalog, { status: 500, body: stream });
  };
  it("accepts text, bytes and parsed JSON, and rejects streams, Blobs, Responses and Promises", () => {
    expectTypeOf(fromFetch).toBeFunction();
  });

  it("names the fix in the type the compiler reports", () => {
    type Body = NonNullable<ResponseLike<ReadableStream<Uint8Array>>["body"]>;
    expectTypeOf<Body>().toEqualTypeOf<"read it first: body: await response.text()">();
    expectTypeOf<NonNullable<ResponseLike<string>["body"]>>().toEqualTypeOf<string>();
  });
});
