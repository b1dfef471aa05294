import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type Reply, type TestServer } from "@errata/scripts/testing";

// The README's two `js` blocks, run as a user would run them, against the package's source.
const here = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(here, "../README.md"), "utf8");
const [chatExample, classifyExample] = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dir = await mkdtemp(path.join(tmpdir(), "errata-a15t-readme-"));
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(name: string, source: string, env: Record<string, string> = {}) {
  const file = path.join(dir, name);
  await writeFile(file, source.replace('"@errata/a15t"', JSON.stringify(path.join(here, "../src/index.ts"))));
  return promisify(execFile)(process.execPath, [tsx, file], { env: { ...process.env, ...env }, timeout: 30_000 }).catch((e) => e);
}

describe("the README's examples", () => {
  it("chat.mjs prints the answer after a retried model_overloaded, with the key as a Bearer token", async () => {
    const overloaded: Reply = { status: 503, body: { error: { type: "service_unavailable", code: "model_overloaded", message: "busy" } } };
    const answer: Reply = {
      status: 200,
      body: { id: "c1", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "Seoul." }, finish_reason: "stop" }] },
    };
    server = await startTestServer((i) => (i === 0 ? overloaded : answer));
    const { stdout, stderr } = await run("chat.mts", chatExample!, { A15T_API_KEY: "sk-gapk-readme", A15T_BASE_URL: server.url });
    expect(stderr).toBe("");
    expect(stdout.trim()).toBe("Seoul.");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-gapk-readme", "Bearer sk-gapk-readme"]);
  });

  it.each([
    [
      "a wait above maxRetryAfterMs is not slept",
      { given: { status: 503, headers: { "retry-after": "120" }, code: "model_overloaded" }, want: "503 model_overloaded unavailable attempts=1 retries stopped: retry_after_too_long" },
    ],
    ["internal_error is not retried", { given: { status: 500, headers: {}, code: "internal_error" }, want: "500 internal_error server_error attempts=1 not retryable" }],
  ] as const)("chat.mjs says why an error came back: %s", async (_name, { given, want }) => {
    const reply: Reply = { status: given.status, headers: given.headers, body: { error: { type: "x", code: given.code, message: "no" } } };
    const failing = await startTestServer(() => reply);
    try {
      const { stderr, code } = await run("chat.mts", chatExample!, { A15T_API_KEY: "sk-gapk-readme", A15T_BASE_URL: failing.url });
      expect(stderr.split("\n")[0]).toBe(want);
      expect(code).toBe(1);
      expect(failing.requests).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });

  it("classify.mjs prints what its comments say", async () => {
    const { stdout } = await run("classify.mts", classifyExample!);
    expect(stdout.trim().split("\n")).toEqual(["server_error false", "unavailable true", "undefined"]);
  });
});
