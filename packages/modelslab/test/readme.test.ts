import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "@errata/scripts/testing";

// The README's example, run as written (only the package import is pointed at the source).
const dir = path.dirname(fileURLToPath(import.meta.url));
const readme = await readFile(path.join(dir, "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
const example = blocks.find((b) => b.includes("pollUntilDone(modelslab"))!;
const fetchExample = blocks.find((b) => b.includes("request_id: id"))!;

let server: TestServer | undefined;
const file = path.join(dir, `.readme-example-${process.pid}.mjs`);
// Its own file: a second import() of the same path would be served from the module cache, not run.
const fetchFile = path.join(dir, `.readme-fetch-${process.pid}.mjs`);
afterEach(async () => {
  await server?.close();
  await rm(file, { force: true });
  await rm(fetchFile, { force: true });
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the README example", () => {
  it("submits a job, polls it and prints the images, with the key in each body", async () => {
    const key = "ml-readme-test-key";
    server = await startTestServer((i) =>
      i < 2
        ? { status: 200, body: { status: "processing", id: "abc123", eta: 0, output: [] } }
        : { status: 200, body: { status: "success", id: "abc123", output: ["https://example.com/a.png"] } },
    );
    vi.stubEnv("MODELSLAB_API_KEY", key);
    vi.stubEnv("MODELSLAB_BASE_URL", server.url);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(example).toContain('from "@errata/modelslab"');
    await writeFile(file, example.replace('"@errata/modelslab"', JSON.stringify(path.join(dir, "..", "src", "index.ts"))));
    await import(/* @vite-ignore */ file);
    expect(server.requests.map((r) => [r.url, JSON.parse(r.body).key])).toEqual([
      ["/images/text2img", key],
      ["/images/fetch/abc123", key],
      ["/images/fetch/abc123", key],
    ]);
    expect(log.mock.calls).toEqual([["job abc123: ready in about 0 s"], ["images:", "https://example.com/a.png"]]);
  });

  it("fetches a job by path and by request_id, the key in each body", async () => {
    const key = "ml-readme-test-key";
    server = await startTestServer((i) => (i === 0 ? { status: 200, body: { status: "processing", id: 81234567, eta: 3, output: [] } } : { status: 404, body: { status: "error", message: "Job not found" } }));
    vi.stubEnv("MODELSLAB_API_KEY", key);
    vi.stubEnv("MODELSLAB_BASE_URL", server.url);
    vi.stubEnv("JOB_ID", "81234567");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await writeFile(fetchFile, fetchExample.replace('"@errata/modelslab"', JSON.stringify(path.join(dir, "..", "src", "index.ts"))));
    await import(/* @vite-ignore */ fetchFile);
    expect(server.requests.map((r) => [r.url, JSON.parse(r.body)])).toEqual([
      ["/images/fetch/81234567", { key }],
      ["/images/fetch", { key, request_id: "81234567" }],
    ]);
    expect(log.mock.calls).toEqual([["job 81234567: processing"], ["failed: not_found: Job not found"]]);
  });
});
