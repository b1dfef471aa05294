import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface BundleRow {
  client: string;
  /** What the entry imports and calls. */
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
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
    client: "errata without streaming (createProviderClient + GPT Gob catalog)",
    code: `import createFetchClient from "openapi-fetch";
import { createProviderClient } from "@errata/retry-policy/openapi-fetch";
import { errorCatalog } from "@errata/gpt-gob";
const client = createProviderClient(
  { catalog: errorCatalog, server: { url: "https://api.gpt-gob.ai/v1" }, authSchemes: { bearerAuth: { in: "header", name: "Authorization", scheme: "Bearer" } }, createFetchClient },
  { apiKey: "k" },
);
export const result = client.POST("/chat/completions", { body: { model: "gob-5.5", messages: [{ role: "user", content: "hi" }] } });`,
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
  write: false,
  logLevel: "silent",
} as const;

/** esbuild bundle (ESM, browser platform, minified, tree-shaken, no legal comments), then gzip -9. */
export async function measureBundle(client: string, code: string): Promise<BundleRow> {
  const result = await build({ ...BUILD_OPTIONS, stdin: { contents: code, resolveDir, loader: "js", sourcefile: "entry.js" } });
  const bytes = result.outputFiles[0]!.contents;
  return { client, entry: code, minifiedBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export interface CompositionRow {
  part: string;
  minifiedBytes: number;
  share: number;
}

const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["openapi-fetch", /node_modules\/.*openapi-fetch\//],
  ["streaming (retry-policy src/stream, eventsource-parser, generated stream.ts)", /retry-policy\/src\/stream\/|eventsource-parser|generated\/stream\.ts/],
  ["generated catalog (with descriptions)", /generated\/catalog\.ts/],
  ["retry runtime (retrying-fetch, options, budget, decision, backoff, runtime, replay)", /retry-policy\/src\/(retrying-fetch|retry-options|retry-budget|retry-decision|backoff|runtime|replayable-request)\.ts/],
  ["errors and classification (ProviderError, parseError, retry-after, catalog lookup, ...)", /retry-policy\/src\/[^/]+\.ts$/],
  ["client glue (retry-policy src/openapi-fetch, generated client.ts)", /retry-policy\/src\/openapi-fetch\/|generated\/client\.ts|gpt-gob\/src\/index\.ts/],
];

/**
 * Where the bytes of the GPT Gob `createClient` bundle come from: the same entry built from the
 * TypeScript sources (so that each module is visible), grouped by part.
 */
export async function measureComposition(): Promise<CompositionRow[]> {
  const source = (path: string) => `${root}packages/retry-policy/src/${path}`;
  const result = await build({
    ...BUILD_OPTIONS,
    stdin: { contents: BUNDLE_ENTRIES[0]!.code.replace("@errata/gpt-gob", `${root}packages/gpt-gob/src/index.ts`), resolveDir: `${root}packages/gpt-gob`, loader: "ts" },
    alias: { "@errata/retry-policy/openapi-fetch": source("openapi-fetch/index.ts"), "@errata/retry-policy": source("index.ts") },
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const total = result.outputFiles[0]!.contents.length;
  const sums = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const part = file === "<stdin>" ? "the entry itself" : (PARTS.find(([, pattern]) => pattern.test(file))?.[0] ?? "other");
    sums.set(part, (sums.get(part) ?? 0) + bytesInOutput);
  }
  return [...sums.entries()]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([part, minifiedBytes]) => ({ part, minifiedBytes, share: minifiedBytes / total }));
}

export async function measureBundles(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const { client, code } of BUNDLE_ENTRIES) rows.push(await measureBundle(client, code));
  return rows;
}
