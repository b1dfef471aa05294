import { execFile } from "node:child_process";
import { cp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { basename, join, posix } from "node:path";
import { usageExample } from "@errata/scripts/scaffold";
import { errorExamples, loadSpec, responseExamples, sseData, startTestServer, type RecordedRequest, type TestServer } from "@errata/scripts/testing";
import { installPacked, publishedPackages, type ScratchProject } from "../src/install-packed.js";

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
    for (const { dir, manifest, source } of project.packed) {
      expect([manifest.name, manifest.version], dir).toEqual([source.name, source.version]);
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

  it("have READMEs whose relative links lead to files in the tarball (a registry page or node_modules has no repository around it)", async () => {
    for (const { manifest, files } of project.packed) {
      const readme = await readFile(join(project.dir, "node_modules", ...manifest.name.split("/"), "README.md"), "utf8");
      const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^([a-z]+:|#)/i.test(target));
      for (const target of relative) expect(files, `${manifest.name}: README links to ${target}`).toContain(posix.normalize(target.split("#")[0]!));
    }
  });
});

type ProviderModule = { parseError: (input: { status: number; headers?: Record<string, string>; body: string }) => any };

/** The key as the spec says to send it, read back from a request the local server received. */
function documentedKeyPlacement(spec: any): { sentKey: (request: RecordedRequest) => unknown; want: string } {
  const body = spec["x-errata-auth"];
  if (body?.in === "body") return { sentKey: (r) => JSON.parse(r.body)[body.name], want: API_KEY };
  const [first] = Object.keys(spec.security?.[0] ?? {});
  const scheme = spec.components?.securitySchemes?.[first ?? ""];
  if (scheme?.type === "http" && scheme.scheme === "bearer") return { sentKey: (r) => r.headers.authorization, want: `Bearer ${API_KEY}` };
  if (scheme?.type === "apiKey" && scheme.in === "header") return { sentKey: (r) => r.headers[scheme.name.toLowerCase()], want: API_KEY };
  throw new Error(`${spec.info?.title}: no key placement this test knows (x-errata-auth, http bearer or an apiKey header)`);
}

const testPackage = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const providers = (await publishedPackages()).filter(({ dir }) => basename(dir) !== "retry-policy");

/** Every published provider package, found on disk: a new provider is checked without editing this file. */
const PROVIDERS = await Promise.all(
  providers.map(async ({ dir, manifest }) => {
    const id = basename(dir);
    return [id, { name: manifest.name, ...documentedKeyPlacement(await loadSpec(id)) }] as const;
  }),
);

describe("this test package", () => {
  it("lists every published package as a devDependency, so that turbo builds them before it runs", () => {
    const missing = project.packed.map(({ manifest }) => manifest.name).filter((name) => !testPackage.devDependencies?.[name]);
    expect(missing, "add them to tests/installed/package.json devDependencies as workspace:*, then pnpm install").toEqual([]);
  });
});

const CLASSIFICATION = ["provider", "status", "category", "type", "code", "retryable", "retryAfterMs", "message"] as const;
const pick = (error: Record<string, unknown>) => Object.fromEntries(CLASSIFICATION.map((k) => [k, error[k]]));

describe.each(PROVIDERS)("@errata/%s, installed from its tarball", (id, { name, sentKey, want }) => {
  it("ships the spec it was generated from, as <package>/openapi.yaml", async () => {
    // Resolved as an app resolves it: through the "./openapi.yaml" export.
    const shipped = await readFile(createRequire(join(project.dir, "app.js")).resolve(`${name}/openapi.yaml`), "utf8");
    expect(shipped.split("\n")[0]).toMatch(/^# COPIED from specs\/.+ DO NOT EDIT\.$/);
    expect(shipped.slice(shipped.indexOf("\n") + 1)).toBe(await readFile(join(fileURLToPath(new URL("../../../specs/", import.meta.url)), id, "openapi.yaml"), "utf8"));
  });

  it("classifies every documented POST error like the library's parseError, from ESM and CommonJS alike", async () => {
    const module: ProviderModule = await import(name);
    const examples = (await errorExamples(id)).filter((ex) => ex.status >= 400 && ex.id.startsWith("POST ") && !ex.id.includes("{"));
    expect(examples.length).toBeGreaterThan(0);
    const calls = examples.map((ex) => ({ method: "POST", path: ex.id.split(" ")[1] }));
    const expected = examples.map((ex) =>
      pick(module.parseError({ status: ex.status, headers: { "content-type": ex.mediaType }, body: ex.body })),
    );
    const exportsByFormat: string[][] = [];
    for (const format of FORMATS) {
      const server = await serve((i) => ({ status: examples[i]!.status, headers: { "content-type": examples[i]!.mediaType }, body: examples[i]!.body }));
      const out = await runInProject("consumer.cjs", format, JSON.stringify({ pkg: name, baseUrl: server.url, apiKey: API_KEY, calls }));
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
      classNames: ["ProviderError", "ProviderError"],
      budgetAcrossFormats: true,
    });
  });
});

describe("TypeScript apps using the installed types", () => {
  it("type-check under node10 resolution (the default of module: commonjs), which ignores exports maps", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.node10.json"], { cwd: project.dir }).catch((e) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code ?? 0).toBe(0);
  });

  it("type-check as ESM and CommonJS under node16 resolution, with the spec's paths and bodies enforced", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project.dir }).catch((e) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code ?? 0).toBe(0);
  });
});

describe("the README draft `pnpm new-provider` writes, for each provider's spec", () => {
  /** What the example may read from the environment: the key, and a value for every server variable. */
  const environment = (id: string) => {
    const prefix = id.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    return { [`${prefix}_API_KEY`]: API_KEY, [`${prefix}_DEPLOYMENT_ID`]: "dep-7" };
  };

  it.each(PROVIDERS)("@errata/%s: its usage example runs as written and sends the spec's request example", async (id, { sentKey, want }) => {
    const spec = await loadSpec(id);
    const code = usageExample(id, spec);
    const [, method, path] = /await client\.([A-Z]+)\("([^"]+)"/.exec(code) ?? [];
    expect(method, code).toBeDefined();
    // The operation's first 2xx JSON example, which is a success in every spec.
    const success = responseExamples(spec, (s) => s >= 200 && s < 300).find((ex) => ex.id.startsWith(`${method} ${path} `) && ex.mediaType.includes("json"));
    expect(success, `${method} ${path}: a 2xx JSON example`).toBeDefined();
    const server = await serve(() => ({ status: success!.status, headers: { "content-type": success!.mediaType }, body: success!.body }));
    await writeFile(join(project.dir, `usage-${id}.mjs`), code);
    const { stdout, stderr } = await run(process.execPath, ["--import", "./redirect-fetch.mjs", `usage-${id}.mjs`], {
      cwd: project.dir,
      env: { PATH: process.env.PATH, ERRATA_TEST_ORIGIN: server.url, ...environment(id) },
    });
    expect(stderr).toBe("");
    for (const key of Object.keys(success!.value as object)) expect(stdout, `the example prints data.${key}`).toContain(key);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe(method);
    // The spec's server path (its {deployment_id} filled from the environment), then the operation's.
    const serverPath = new URL(spec.servers[0].url.replace("{deployment_id}", "dep-7")).pathname.replace(/\/$/, "");
    expect(request!.url).toBe(`${serverPath}${path}`);
    expect(sentKey(request!)).toBe(want);
    const media = spec.paths[path!][method!.toLowerCase()].requestBody.content["application/json"];
    const example = Object.values<any>(media.examples)[0].value;
    expect(JSON.parse(request!.body)).toEqual({ ...example, ...(spec["x-errata-auth"] ? { [spec["x-errata-auth"].name]: API_KEY } : {}) });
  });

  it("type-check under strict settings (process.env read as string | undefined)", async () => {
    const files = await Promise.all(
      PROVIDERS.map(async ([id]) => {
        await writeFile(join(project.dir, `usage-${id}.mts`), usageExample(id, await loadSpec(id)));
        return `usage-${id}.mts`;
      }),
    );
    await writeFile(join(project.dir, "usage-env.d.ts"), "declare const process: { env: Record<string, string | undefined> };\n");
    const config = { extends: "./tsconfig.json", files: [...files, "usage-env.d.ts"] };
    await writeFile(join(project.dir, "tsconfig.usage.json"), JSON.stringify(config));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.usage.json"], { cwd: project.dir }).catch((e) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code ?? 0).toBe(0);
  });
});
