import { afterEach, describe, expect, it, vi } from "vitest";
import { sseData, startSseServer, startTestServer } from "@errata/scripts/testing";
import { createClient } from "../src/index.js";

// A call's own baseUrl (openapi-fetch's option) is resolved and checked the same on the plain
// methods and on stream(): relative against the page, never with credentials shown.
const KEY = "gob-key-NEVER-SHOWN-77c1";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const body = { model: "gob-5.5", messages: [{ role: "user" as const, content: "hi" }] };
const chunk = { id: "s", object: "chat.completion.chunk", created: 1, model: "gob-5.5", choices: [{ index: 0, delta: { content: "ok" }, finish_reason: null }] };

describe("a call's own baseUrl", () => {
  it("stream(): relative, against the page", async () => {
    const server = await startSseServer([{ steps: [sseData(chunk), sseData("[DONE]")] }]);
    servers.push(server);
    vi.stubGlobal("location", { href: `${server.url}/chat/room` });
    const { stream, error } = await createClient({ apiKey: KEY, retry: false }).stream("/chat/completions", { baseUrl: "/proxy", body });
    expect(error).toBeUndefined();
    const events = [];
    for await (const event of stream!) events.push(event);
    expect(events).toHaveLength(1);
    expect(server.requests.map((r) => r.url)).toEqual(["/proxy/chat/completions"]);
  });

  it.each([
    ["POST", (url: string) => createClient({ apiKey: KEY, retry: false }).POST("/chat/completions", { baseUrl: url, body })],
    ["stream()", (url: string) => createClient({ apiKey: KEY, retry: false }).stream("/chat/completions", { baseUrl: url, body })],
  ] as const)("%s: one with credentials is refused, sending nothing, the password unshown", async (_name, call) => {
    const server = await startTestServer(() => ({ status: 200, body: {} }));
    servers.push(server);
    const withPassword = server.url.replace("http://", `http://user:${KEY}@`);
    const rejected = await call(withPassword).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(rejected?.message).toContain("baseUrl must have no user, password, query or fragment");
    expect(rejected?.message).not.toContain(KEY);
    expect(server.requests).toHaveLength(0);
  });
});
