import { execFile } from "node:child_process";
import { cp } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorExamples, sseData, startTestServer, type RecordedRequest, type TestServer } from "@errata/scripts/testing";
import * as a15t from "@errata/a15t";
import * as ggufCloud from "@errata/gguf-cloud";
import * as gptGob from "@errata/gpt-gob";
import * as llmGateway from "@errata/llm-gateway";
import * as modelslab from "@errata/modelslab";
import { installPacked, type ScratchProject } from "../src/install-packed.js";

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const API_KEY = "sk-installed-DO-NOT-LEAK-7d41";
const FORMATS = ["esm", "cjs"] as const;

let project: ScratchProject;
const servers: TestServer[] = [];
beforeAll(async () => {
  project = await installPacked();
  await cp(fixtures, project.dir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await project?.remove();
});

/** Runs a fixture script with node inside the scratch project (outside the workspace) and parses its JSON. */
async function runInProject(script: string, ...args: string[]): Promise<any> {
  const { stdout } = await run(process.execPath, [script, ...args], { cwd: project.dir });
  return JSON.parse(stdout);
}

async function serve(reply: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(reply);
  servers.push(server);
  return server;
}

/** The file paths in an `exports` map: its string leaves, whatever the nesting of conditions. */
const exportTargets = (node: unknown): string[] =>
  typeof node === "string" ? [node] : node && typeof node === "object" ? Object.values(node).flatMap(exportTargets) : [];

describe("the tarballs pnpm publish would upload", () => {
  it("name real versions for workspace dependencies, in ranges that accept the packed versions", () => {
    const versions = new Map(project.packed.map(({ manifest }) => [manifest.name, manifest.version]));
    expect([...versions.keys()].sort()).toEqual(
      ["@errata/a15t", "@errata/gguf-cloud", "@errata/gpt-gob", "@errata/llm-gateway", "@errata/modelslab", "@errata/retry-policy"],
    );
    for (const { manifest } of project.packed) {
      expect(JSON.stringify(manifest), manifest.name).not.toContain("workspace:");
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        if (versions.has(dep)) expect(range, `${manifest.name} -> ${dep}`).toBe(`^${versions.get(dep)}`);
      }
    }
  });

  it("hold every file their exports point to, the README and LICENSE, and no sources or tests", () => {
    for (const { manifest, files } of project.packed) {
      const targets = exportTargets(manifest.exports).map((t) => t.replace(/^\.\//, ""));
      expect(targets.length, manifest.name).toBeGreaterThan(0);
      for (const file of [...targets, "README.md", "LICENSE", "package.json"]) expect(files, `${manifest.name}: ${file}`).toContain(file);
      expect(files.filter((f) => /^(src|test)\//.test(f) || f.includes("generated/")), manifest.name).toEqual([]);
    }
  });
});

type ProviderModule = { parseError: (input: { status: number; headers?: Record<string, string>; body: string }) => any };

/** Where each provider's spec says the key goes, read from what the local server received. */
const PROVIDERS: Array<[string, { module: ProviderModule; sentKey: (request: RecordedRequest) => unknown; want: string }]> = [
  ["gpt-gob", { module: gptGob, sentKey: (r) => r.headers.authorization, want: `Bearer ${API_KEY}` }],
  ["a15t", { module: a15t, sentKey: (r) => r.headers.authorization, want: `Bearer ${API_KEY}` }],
  ["gguf-cloud", { module: ggufCloud, sentKey: (r) => r.headers.authorization, want: `Bearer ${API_KEY}` }],
  ["llm-gateway", { module: llmGateway, sentKey: (r) => r.headers["x-api-key"], want: API_KEY }],
  ["modelslab", { module: modelslab, sentKey: (r) => JSON.parse(r.body).key, want: API_KEY }],
];

const CLASSIFICATION = ["provider", "status", "category", "type", "code", "retryable", "retryAfterMs", "message"] as const;
const pick = (error: Record<string, unknown>) => Object.fromEntries(CLASSIFICATION.map((k) => [k, error[k]]));

describe.each(PROVIDERS)("@errata/%s, installed from its tarball", (id, { module, sentKey, want }) => {
  it("classifies every documented POST error like the library's parseError, from ESM and CommonJS alike", async () => {
    const examples = (await errorExamples(id)).filter((ex) => ex.status >= 400 && ex.id.startsWith("POST ") && !ex.id.includes("{"));
    expect(examples.length).toBeGreaterThan(0);
    const calls = examples.map((ex) => ({ method: "POST", path: ex.id.split(" ")[1] }));
    const expected = examples.map((ex) =>
      pick(module.parseError({ status: ex.status, headers: { "content-type": ex.mediaType }, body: ex.body })),
    );
    const exportsByFormat: string[][] = [];
    for (const format of FORMATS) {
      const server = await serve((i) => ({ status: examples[i]!.status, headers: { "content-type": examples[i]!.mediaType }, body: examples[i]!.body }));
      const out = await runInProject("consumer.cjs", format, JSON.stringify({ pkg: `@errata/${id}`, baseUrl: server.url, apiKey: API_KEY, calls }));
      exportsByFormat.push(out.exports);
      expect(out.results.map((r: any) => r.error.isProviderError), format).toEqual(examples.map(() => true));
      expect(out.results.map((r: any) => pick(r.error.json)), format).toEqual(expected);
      expect(server.requests.map(sentKey), `${format}: the key, where the spec puts it`).toEqual(examples.map(() => want));
      for (const result of out.results) expect(result.error.rendered, format).not.toContain(API_KEY);
    }
    expect(exportsByFormat[0]).toEqual(exportsByFormat[1]);
    expect(exportsByFormat[0]).toEqual(expect.arrayContaining(["ProviderError", "createClient", "defaultBaseUrl", "errorCatalog", "parseError", "provider"]));
  });
});

describe("streaming from the installed @errata/gpt-gob", () => {
  const chunk = (content: string) => ({
    id: "gob-1",
    object: "chat.completion.chunk",
    created: 1767225600,
    model: "gob-5.5",
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });
  const cases: Array<[string, { given: string; want: { events: number; completed: boolean; code?: string; category?: string } }]> = [
    ["a complete stream", { given: sseData(chunk("Under ")) + sseData(chunk("the stone.")) + sseData("[DONE]"), want: { events: 2, completed: true } }],
    [
      "an error frame after the first chunk",
      {
        given: sseData(chunk("Under ")) + sseData({ error: { type: "server_error", code: "goblin_distracted", message: "distracted" } }),
        want: { events: 1, completed: false, code: "goblin_distracted", category: "stream_interrupted" },
      },
    ],
  ];
  it.each(cases)("%s arrives the same through ESM (lazy chunk) and CommonJS", async (_name, { given, want }) => {
    for (const format of FORMATS) {
      const server = await serve(() => ({ status: 200, headers: { "content-type": "text/event-stream" }, body: given }));
      const spec = { pkg: "@errata/gpt-gob", baseUrl: server.url, apiKey: API_KEY, calls: [], stream: { path: "/chat/completions" } };
      const { streamed } = await runInProject("consumer.cjs", format, JSON.stringify(spec));
      expect(streamed.events, format).toHaveLength(want.events);
      expect(streamed.completed, format).toBe(want.completed);
      expect(streamed.error?.json.code, format).toBe(want.code);
      expect(streamed.error?.json.category, format).toBe(want.category);
      if (streamed.error) expect(streamed.error.json.status, format).toBe(200);
    }
  });
});

describe("an app that loads both entry points (the dual package hazard)", () => {
  it("gets two copies of ProviderError that still recognise each other's errors", async () => {
    expect(await runInProject("dual-package.cjs")).toEqual({
      twoCopies: true,
      oneCopyPerFormat: true,
      esmErrorInstanceofCjsClass: true,
      cjsErrorInstanceofEsmClass: true,
      isAcrossFormats: true,
      plainErrorIsNot: false,
      sameClassification: true,
    });
  });
});

describe("TypeScript apps using the installed types", () => {
  it("type-check as ESM and CommonJS under node16 resolution, with the spec's paths and bodies enforced", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project.dir }).catch((e) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code ?? 0).toBe(0);
  });
});
