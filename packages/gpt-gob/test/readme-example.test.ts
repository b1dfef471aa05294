import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type Reply, type TestServer } from "@errata/scripts/testing";

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(here, "../../../README.md"), "utf8");
// The first TypeScript block after "## Usage" is the example a new user copies.
const usage = readme.slice(readme.indexOf("## Usage"));
const example = /```ts\n([\s\S]*?)```/.exec(usage)![1]!;
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dir = await mkdtemp(path.join(tmpdir(), "errata-readme-"));
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function runExample(reply: Reply) {
  const server = await startTestServer(() => reply);
  servers.push(server);
  const file = path.join(dir, `example-${servers.length}.mts`);
  const source = example.replace('"@errata/gpt-gob"', JSON.stringify(path.join(here, "../src/index.ts")));
  await writeFile(file, source);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, file], {
    env: { ...process.env, GOB_API_KEY: "gob-test-readme", GOB_BASE_URL: server.url },
    timeout: 20_000,
  });
  return { stdout, stderr, server };
}

describe("the README's usage example", () => {
  it("prints the answer on success", async () => {
    const { stdout, server } = await runExample({
      status: 200,
      body: { id: "c", object: "chat.completion", created: 1, model: "gob-5.5", choices: [{ index: 0, message: { role: "assistant", content: "Under the third stone." }, finish_reason: "stop" }] },
    });
    expect(stdout.trim()).toBe("Under the third stone.");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer gob-test-readme");
  });

  it("reports a quota error once, without retrying it", async () => {
    const { stderr, server } = await runExample({
      status: 429,
      headers: { "x-request-id": "req_q" },
      body: { error: { type: "quota_exceeded", code: "no_treasure_in_hoard", message: "empty", param: null } },
    });
    expect(stderr).toContain("quota_exceeded no_treasure_in_hoard false undefined req_q");
    expect(stderr).toContain("Monthly quota used up");
    expect(server.requests).toHaveLength(1);
  });
});
