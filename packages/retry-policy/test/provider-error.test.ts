import { inspect } from "node:util";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { ProviderError, transportError } from "../src/index.js";

const make = () =>
  new ProviderError({ provider: "acme", status: 429, category: "rate_limited", type: "rate_limit", code: "slow_down", message: "slow down", retryable: true, retryAfterMs: 1000, requestId: "r1", body: { a: 1 } });

describe("ProviderError", () => {
  it("has a literal discriminant and the documented fields", () => {
    const error = make();
    expect(error.name).toBe("ProviderError");
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ provider: "acme", status: 429, category: "rate_limited", retryable: true, retryAfterMs: 1000, requestId: "r1", attempts: 1 });
  });

  it("is recognised across realms and package copies", () => {
    // A look-alike built in another realm, with the same global brand, as a second copy of the package would.
    const foreign = vm.runInNewContext(`const e = new Error("x"); Object.defineProperty(e, Symbol.for("errata.ProviderError"), { value: true }); e`);
    expect(ProviderError.is(foreign)).toBe(true);
    expect(foreign instanceof ProviderError).toBe(true);
    expect(ProviderError.is(new Error("plain"))).toBe(false);
    expect(ProviderError.is(null)).toBe(false);
  });

  it("serialises to plain data, with the cause summarised", () => {
    const error = transportError("acme", "network", new TypeError("fetch failed"));
    const data = JSON.parse(JSON.stringify(error));
    expect(data).toMatchObject({ name: "ProviderError", status: 0, category: "network", retryable: true, cause: { name: "TypeError", message: "fetch failed" } });
  });

  it("keeps the key out of the cause's summary in toJSON and inspect, and out of with() copies", () => {
    const key = "sk-live-\nBROKEN-9f8e7d";
    // What Headers.set throws for a key pasted with a newline: the value, key included, in the message.
    const cause = new TypeError(`Headers.set: "Bearer ${key}" is an invalid header value.`);
    const error = transportError("acme", "network", cause, [key]);
    for (const rendering of [JSON.stringify(error), inspect(error), JSON.stringify(error.with({ attempts: 2 }))]) {
      expect(rendering).not.toContain("BROKEN-9f8e7d");
    }
    expect(error.toJSON().cause).toEqual({ name: "TypeError", message: 'Headers.set: "Bearer [REDACTED]" is an invalid header value.' });
    expect(Object.keys(error)).not.toContain("secrets");
    expect(error.cause).toBe(cause);
  });

  it("inspects to something a log can use", () => {
    expect(inspect(make())).toMatch(/ProviderError: slow down .*rate_limited/s);
  });

  it("with() copies and changes", () => {
    const copy = make().with({ attempts: 3 });
    expect(copy).toMatchObject({ attempts: 3, code: "slow_down" });
    expect(copy).not.toBe(make());
  });

  it.each([
    ["network", { retryable: true }],
    ["timeout", { retryable: true }],
    ["aborted", { retryable: false }],
  ] as const)("transport failure %s (rule 4)", (failure, want) => {
    expect(transportError("acme", failure, new Error("x"))).toMatchObject({ status: 0, category: failure, ...want });
  });
});
