import { describe, expect, it } from "vitest";
import { transportError } from "../src/transport-errors.js";

const CORS = ": a network failure, or a request the browser blocked (CORS); its console says which";

describe("transportError's message: what the failure says, and what it may mean in a browser", () => {
  it.each<[string, { given: unknown; want: string }]>([
    ["Node's fetch: its cause's reason", { given: new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }), want: "acme: no response (fetch failed: connect ECONNREFUSED 127.0.0.1:9)" }],
    ["Chromium, which says the same for CORS", { given: new TypeError("Failed to fetch"), want: `acme: no response (Failed to fetch${CORS})` }],
    ["Firefox", { given: new TypeError("NetworkError when attempting to fetch resource."), want: `acme: no response (NetworkError when attempting to fetch resource${CORS})` }],
    ["Safari", { given: new TypeError("Load failed"), want: `acme: no response (Load failed${CORS})` }],
    ["other words that only contain them", { given: new TypeError("Failed to fetch chunk 3"), want: "acme: no response (Failed to fetch chunk 3)" }],
    ["not an Error", { given: "socket hang up", want: "acme: no response (socket hang up)" }],
  ])("%s", (_name, { given, want }) => {
    expect(transportError("acme", "network", given).message).toBe(want);
  });

  it("no CORS hint once a status line has arrived: CORS let that response through", () => {
    const error = transportError("acme", "network", new TypeError("Load failed"), [], { status: 200, headers: {} });
    expect(error.message).toBe("acme: HTTP 200 arrived, then connection lost (Load failed) before its body ended");
  });
});
