import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { errorExamples, startTestServer, type Reply, type TestServer } from "@errata/scripts/testing";
import { errorCatalog } from "../src/index.js";

// The README's four `js` blocks, run as a user would run them, against the package's source.
const here = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(here, "../README.md"), "utf8");
const [chatExample, classifyExample, fetchExample, openaiExample] = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
// The real openai SDK (a devDependency), imported from the temporary directory by its ESM entry.
const openaiEntry = path.join(path.dirname(require.resolve("openai")), "index.mjs");
const dir = await mkdtemp(path.join(tmpdir(), "errata-a15t-readme-"));
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(name: string, source: string, env: Record<string, string> = {}) {
  const file = path.join(dir, name);
  await writeFile(file, source.replace('"@errata/a15t"', JSON.stringify(path.join(here, "../src/index.ts"))).replace('from "openai"', `from ${JSON.stringify(openaiEntry)}`));
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

const examples = await errorExamples("a15t");

describe("the README's fetch.mjs and openai.mjs (the openai SDK with maxRetries: 0) classify what a15t sends as its catalog says", () => {
  const example = (code: string) => examples.find((ex) => ex.status >= 400 && (ex.value as { error?: { code?: string } }).error?.code === code)!;
  const catalogSays = (code: string) => {
    const entry = errorCatalog.errors.find((e) => "code" in e && e.code === code)!;
    return `${code} ${entry.category} ${entry.retryable}`;
  };
  const answer: Reply = {
    status: 200,
    body: { id: "c1", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "Hello." }, finish_reason: "stop", logprobs: null }] },
  };

  it.each([
    ["fetch.mjs", "internal_error (500, not retryable)"],
    ["fetch.mjs", "model_overloaded (503, retryable)"],
    ["openai.mjs", "internal_error (500, not retryable)"],
    ["openai.mjs", "model_overloaded (503, retryable)"],
  ] as const)("%s: %s", async (name, what) => {
    const code = what.split(" ")[0]!;
    const ex = example(code);
    const local = await startTestServer(() => ({ status: ex.status, headers: ex.headers, body: ex.value as object }));
    try {
      const { stdout, stderr } = await run(name.replace(".mjs", ".mts"), name === "fetch.mjs" ? fetchExample! : openaiExample!, { A15T_API_KEY: "sk-gapk-readme", A15T_BASE_URL: local.url });
      const message = (ex.value as { error: { message: string } }).error.message;
      expect({ stdout, stderr: stderr.trim() }).toEqual({ stdout: "", stderr: `${catalogSays(code)} ${message}` });
      expect(catalogSays(code)).toBe(code === "internal_error" ? "internal_error server_error false" : "model_overloaded unavailable true");
      // Sent once: the SDK's own retries are off, so a15t's final 500 is not retried behind parseError's back.
      expect(local.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([["POST", "/chat/completions", "Bearer sk-gapk-readme"]]);
    } finally {
      await local.close();
    }
  });

  it.each(["fetch.mjs", "openai.mjs"] as const)("%s never prints the key that a 401 echoes (it passes the key as a secret)", async (name) => {
    const echo = { error: { type: "authentication_error", code: "invalid_api_key", message: "Incorrect API key provided: sk-gapk-readme" } };
    const local = await startTestServer(() => ({ status: 401, body: echo }));
    try {
      const { stdout, stderr } = await run(`echo-${name.replace(".mjs", ".mts")}`, name === "fetch.mjs" ? fetchExample! : openaiExample!, { A15T_API_KEY: "sk-gapk-readme", A15T_BASE_URL: local.url });
      expect({ stdout, stderr: stderr.trim() }).toEqual({ stdout: "", stderr: "invalid_api_key authentication false Incorrect API key provided: [REDACTED]" });
    } finally {
      await local.close();
    }
  });

  it.each(["fetch.mjs", "openai.mjs"] as const)("%s prints the answer of a success", async (name) => {
    const local = await startTestServer(() => answer);
    try {
      const { stdout, stderr } = await run(`ok-${name.replace(".mjs", ".mts")}`, name === "fetch.mjs" ? fetchExample! : openaiExample!, { A15T_API_KEY: "sk-gapk-readme", A15T_BASE_URL: local.url });
      expect({ stdout: stdout.trim(), stderr }).toEqual({ stdout: "Hello.", stderr: "" });
    } finally {
      await local.close();
    }
  });
});
