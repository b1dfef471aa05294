import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

export interface BundleRow {
  client: string;
  /** What the entry imports and calls. */
  entry: string;
  /** What the page loads up front: the entry chunk and every chunk it imports statically. */
  minifiedBytes: number;
  /** The same files, each gzipped on its own (as a browser fetches them), summed. */
  gzipBytes: number;
  /**
   * Chunks that only a dynamic `import()` reaches (the errata streaming machinery, loaded by the first
   * `client.stream()`), measured the same way; absent when the bundle has none.
   */
  lazy?: { minifiedBytes: number; gzipBytes: number } | undefined;
}

/** Tiny entries that import a client and make one call, so that tree-shaking keeps what a user ships. */
export const BUNDLE_ENTRIES: ReadonlyArray<{ client: string; code: string }> = [
  {
    client: "errata (@errata/gpt-gob)",
    code: `import { createClient } from "@errata/gpt-gob";
const client = createClient({ apiKey: "k" });
export const result = client.POST("/chat/completions", { body: { model: "gob-5.5", messages: [{ role: "user", content: "hi" }] } });`,
  },
  {
    client: "errata (@errata/a15t)",
    code: `import { createClient } from "@errata/a15t";
const client = createClient({ apiKey: "k" });
export const result = client.POST("/chat/completions", { body: { model: "openai/gpt-4o-mini-2024-07-18", messages: [{ role: "user", content: "hi" }] } });`,
  },
  {
    client: "errata parseError only (@errata/gpt-gob)",
    code: `import { parseError } from "@errata/gpt-gob";
export const error = parseError({ status: 429, body: "{}" });`,
  },
  {
    client: "openapi-fetch 0.17.0",
    code: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.gpt-gob.ai/v1" });
export const result = client.POST("/chat/completions", { body: { model: "gob-5.5", messages: [{ role: "user", content: "hi" }] } });`,
  },
  {
    client: "openai SDK 6.49.0",
    code: `import OpenAI from "openai";
const client = new OpenAI({ apiKey: "k" });
export const result = client.chat.completions.create({ model: "gob-5.5", messages: [{ role: "user", content: "hi" }] });`,
  },
];

const resolveDir = fileURLToPath(new URL("..", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

const BUILD_OPTIONS = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  // As an app bundler does: a dynamic import() becomes its own chunk, loaded when it runs.
  splitting: true,
  outdir: "bundle-out",
  write: false,
  logLevel: "silent",
  metafile: true,
} as const;

/** How esbuild names the entry point given as `stdin` (dynamic imports are entry points too). */
const STDIN = "<stdin>";

/** The output files reachable from `from` through static imports only. */
function staticClosure(metafile: Metafile, from: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]!.imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  from.forEach(visit);
  return seen;
}

/** One entry bundled as an app would ship it: the files loaded up front, and those only an import() reaches. */
export interface BuiltEntry {
  upFront: Uint8Array[];
  lazy: Uint8Array[];
}

/**
 * esbuild bundle (ESM, browser platform, minified, tree-shaken, code-split, no legal comments). The
 * up-front files are the entry chunk and its static imports; chunks reached only by a dynamic
 * import() are `lazy`.
 */
export async function buildEntry(code: string): Promise<BuiltEntry> {
  const result = await build({ ...BUILD_OPTIONS, absWorkingDir: resolveDir, stdin: { contents: code, resolveDir, loader: "js" } });
  const { metafile } = result;
  const outputs = Object.keys(metafile.outputs).filter((file) => !file.endsWith(".map"));
  const upFront = staticClosure(metafile, outputs.filter((file) => metafile.outputs[file]!.entryPoint === STDIN));
  const contents = (file: string) => result.outputFiles.find((f) => f.path === join(resolveDir, file))!.contents;
  return { upFront: [...upFront].map(contents), lazy: outputs.filter((file) => !upFront.has(file)).map(contents) };
}

/** Minified bytes and gzip -9 bytes per file, summed (as a browser fetches them). */
function measureFiles(files: Uint8Array[]) {
  let minifiedBytes = 0;
  let gzipBytes = 0;
  for (const bytes of files) {
    minifiedBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { minifiedBytes, gzipBytes };
}

/** The bundle of `code`, measured: up front, and the lazily loaded chunks apart. */
export async function measureBundle(client: string, code: string): Promise<BundleRow> {
  const { upFront, lazy } = await buildEntry(code);
  return { client, entry: code, ...measureFiles(upFront), ...(lazy.length > 0 ? { lazy: measureFiles(lazy) } : {}) };
}

export interface CompositionRow {
  part: string;
  minifiedBytes: number;
  /** Share of the up-front bundle; 0 for the lazily loaded part. */
  share: number;
  /** In a chunk that only the first `client.stream()` loads, not in the up-front bundle. */
  lazy?: true;
}

const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["openapi-fetch", /node_modules\/.*openapi-fetch\//],
  ["streaming (retry-policy src/stream, eventsource-parser, generated stream.ts)", /retry-policy\/src\/stream\/|eventsource-parser|generated\/stream\.ts/],
  ["generated error rules (the catalog without its descriptions)", /generated\/catalog\.ts/],
  ["retry runtime (retrying-fetch, options, budget, decision, backoff, runtime, replay)", /retry-policy\/src\/(retrying-fetch|retry-options|retry-budget|retry-decision|retry-loop|backoff|runtime|replayable-request|validate|option-keys|closest-key)\.ts/],
  ["errors and classification (ProviderError, parseError, retry-after, catalog lookup, ...)", /retry-policy\/src\/[^/]+\.ts$/],
  ["client glue (retry-policy src/openapi-fetch, generated client.ts)", /retry-policy\/src\/openapi-fetch\/|generated\/client\.ts|gpt-gob\/src\/index\.ts/],
];

const LAZY_PART = "streaming chunk, loaded by the first client.stream() (not in the bundle above)";

/**
 * Where the bytes of the GPT Gob `createClient` bundle come from: the same entry built from the
 * TypeScript sources (so that each module is visible), grouped by part; then, as one line, the chunk
 * that the first `client.stream()` loads.
 */
export async function measureComposition(): Promise<CompositionRow[]> {
  const source = (path: string) => `${root}packages/retry-policy/src/${path}`;
  const resolve = `${root}packages/gpt-gob`;
  const result = await build({
    ...BUILD_OPTIONS,
    absWorkingDir: resolve,
    stdin: { contents: BUNDLE_ENTRIES[0]!.code.replace("@errata/gpt-gob", `${root}packages/gpt-gob/src/index.ts`), resolveDir: resolve, loader: "ts" },
    alias: { "@errata/retry-policy/openapi-fetch": source("openapi-fetch/index.ts"), "@errata/retry-policy": source("index.ts") },
  });
  const { outputs } = result.metafile;
  const files = Object.keys(outputs).filter((file) => !file.endsWith(".map"));
  const upFront = staticClosure(result.metafile, files.filter((file) => outputs[file]!.entryPoint === STDIN));
  const sums = new Map<string, number>();
  let total = 0;
  let lazyBytes = 0;
  for (const file of files) {
    if (!upFront.has(file)) {
      lazyBytes += outputs[file]!.bytes;
      continue;
    }
    total += outputs[file]!.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
      const part = input === "<stdin>" ? "the entry itself" : (PARTS.find(([, pattern]) => pattern.test(input))?.[0] ?? "other");
      sums.set(part, (sums.get(part) ?? 0) + bytesInOutput);
    }
  }
  const rows: CompositionRow[] = [...sums.entries()]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([part, minifiedBytes]) => ({ part, minifiedBytes, share: minifiedBytes / total }));
  if (lazyBytes > 0) rows.push({ part: LAZY_PART, minifiedBytes: lazyBytes, share: 0, lazy: true });
  return rows;
}

export async function measureBundles(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const { client, code } of BUNDLE_ENTRIES) rows.push(await measureBundle(client, code));
  return rows;
}
