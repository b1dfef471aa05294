import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@errata/scripts/testing";

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(here, "../README.md"), "utf8");
// The first TypeScript block after "## Example" is the example a new user copies.
const example = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("## Example")))![1]!;
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dir = await mkdtemp(path.join(tmpdir(), "errata-llm-gateway-readme-"));
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const metrics: Reply = {
  status: 200,
  headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
  body: "# TYPE rate_limit_blocked_total counter\nrate_limit_blocked_total 47.0\n",
};

async function runExample(chat: (i: number) => Reply) {
  let chats = 0;
  const server = await startTestServer((_, request: RecordedRequest) => (request.url === "/api/v1/metrics" ? metrics : chat(chats++)));
  servers.push(server);
  const file = path.join(dir, `example-${servers.length}.mts`);
  await writeFile(file, example.replace('"@errata/llm-gateway"', JSON.stringify(path.join(here, "../src/index.ts"))));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, file], {
    env: { ...process.env, GATEWAY_API_KEY: "gw-test-readme", GATEWAY_URL: server.url },
    timeout: 30_000,
  });
  return { stdout, stderr, server };
}

describe("the README's example", () => {
  it("prints the answer and the blocked counter, sending the key only to the chat", async () => {
    const { stdout, server } = await runExample(() => ({
      status: 200,
      body: { id: "c1", provider: "gemini", content: "Paris.", usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } },
    }));
    expect(stdout.trim().split("\n")).toEqual(["gemini: Paris.", "rate_limit_blocked_total 47.0"]);
    const [chat, scrape] = server.requests;
    expect(chat!.headers["x-api-key"]).toBe("gw-test-readme");
    expect(scrape!.headers["x-api-key"]).toBeUndefined();
  });

  it("reports a 401 once, without retrying it", async () => {
    const { stderr, server } = await runExample(() => ({ status: 401, body: { detail: "Invalid or missing API Key" } }));
    expect(stderr).toContain("401 authentication false 1 Invalid or missing API Key");
    expect(server.requests.filter((r) => r.url === "/api/v1/chat")).toHaveLength(1);
  });
});
