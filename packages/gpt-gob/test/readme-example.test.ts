import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { sseData, startSseServer, startTestServer, type Reply, type SseReply } from "@errata/scripts/testing";

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(here, "../../../README.md"), "utf8");
/** The first TypeScript block after a heading: the example a new user copies from that section. */
const exampleAfter = (heading: string) => /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))![1]!;
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dir = await mkdtemp(path.join(tmpdir(), "errata-readme-"));
const servers: { url: string; close(): Promise<void>; requests: { url: string; headers: Record<string, unknown> }[] }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

/** `prelude` runs before the example's own code (after its imports), given the server's origin. */
async function runExample(example: string, reply: Reply | SseReply, prelude = (_origin: string) => "") {
  const server = "steps" in reply ? await startSseServer([reply]) : await startTestServer(() => reply);
  servers.push(server);
  const file = path.join(dir, `example-${servers.length}.mts`);
  const source = prelude(server.url) + example.replace('"@errata/gpt-gob"', JSON.stringify(path.join(here, "../src/index.ts")));
  await writeFile(file, source);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, file], {
    env: { ...process.env, GOB_API_KEY: "gob-test-readme", GOB_BASE_URL: server.url },
    timeout: 20_000,
  });
  return { stdout, stderr, server };
}

describe("the README's usage example", () => {
  it("prints the answer on success", async () => {
    const { stdout, server } = await runExample(exampleAfter("## Usage"), {
      status: 200,
      body: { id: "c", object: "chat.completion", created: 1, model: "gob-5.5", choices: [{ index: 0, message: { role: "assistant", content: "Under the third stone." }, finish_reason: "stop" }] },
    });
    expect(stdout.trim()).toBe("Under the third stone.");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer gob-test-readme");
  });

  it("reports a quota error once, without retrying it", async () => {
    const { stderr, server } = await runExample(exampleAfter("## Usage"), {
      status: 429,
      headers: { "x-request-id": "req_q" },
      body: { error: { type: "quota_exceeded", code: "no_treasure_in_hoard", message: "empty", param: null } },
    });
    expect(stderr).toContain("quota_exceeded no_treasure_in_hoard false undefined req_q");
    expect(stderr).toContain("Monthly quota used up");
    expect(server.requests).toHaveLength(1);
  });
});

describe("the README's browser example", () => {
  it("sends the call to the page's own backend, with no key", async () => {
    // What a page has and Node lacks: a location to resolve "/api" against.
    const page = (origin: string) => `globalThis.location = { href: ${JSON.stringify(`${origin}/chat/room`)} };\n`;
    const { server } = await runExample(exampleAfter("## In a browser"), { status: 200, body: { id: "c", choices: [] } }, page);
    expect(server.requests.map((r) => r.url)).toEqual(["/api/chat/completions"]);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe("the README's streaming example", () => {
  const chunk = (content: string, finish: string | null = null) => ({
    id: "s", object: "chat.completion.chunk", created: 1, model: "gob-5.5",
    choices: [{ index: 0, delta: finish ? {} : { content }, finish_reason: finish }],
  });

  it("prints the chunks of a complete stream", async () => {
    const { stdout, stderr } = await runExample(exampleAfter("## Streaming"), {
      steps: [sseData(chunk("Under ")), sseData(chunk("the stone.")), sseData(chunk("", "stop")), sseData("[DONE]")],
    });
    expect(stdout).toBe("Under the stone.");
    expect(stderr).toBe("");
  });

  it("reports a goblin_distracted frame after partial output, with what arrived kept", async () => {
    const frame = { error: { type: "server_error", code: "goblin_distracted", message: "shiny", param: null } };
    const { stdout, stderr, server } = await runExample(exampleAfter("## Streaming"), { steps: [sseData(chunk("Under ")), sseData(frame)] });
    expect(stdout).toBe("Under ");
    expect(stderr.trim()).toBe("stream_interrupted goblin_distracted retryable=true after 1 chunks");
    expect(server.requests).toHaveLength(1);
  });
});

describe("the README's testing example", () => {
  it("is this package's test/readme-testing.test.ts, which runs with its tests", async () => {
    const file = await readFile(path.join(here, "readme-testing.test.ts"), "utf8");
    expect(exampleAfter("## Testing code that uses errata")).toBe(file.replace('from "../src/index.js"', 'from "@errata/gpt-gob"'));
  });
});
