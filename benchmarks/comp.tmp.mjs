import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const root = "/work/main/";
const source = (p) => `${root}packages/retry-policy/src/${p}`;
const r = await build({ bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", legalComments: "none", splitting: true, outdir: "/tmp/bo", write: true, metafile: true, logLevel: "silent",
  absWorkingDir: `${root}packages/gpt-gob`,
  stdin: { contents: `import { createClient } from "${root}packages/gpt-gob/src/index.ts";
const client = createClient({ apiKey: "k" });
export const result = client.POST("/chat/completions", { body: {} });`, resolveDir: `${root}packages/gpt-gob`, loader: "ts" },
  alias: { "@errata/retry-policy/openapi-fetch": source("openapi-fetch/index.ts"), "@errata/retry-policy": source("index.ts") } });
for (const [f, o] of Object.entries(r.metafile.outputs)) {
  console.log(f, o.bytes, o.entryPoint, o.imports.map(i=>i.kind+":"+i.path).join(","));
  const rows = Object.entries(o.inputs).filter(([, v]) => v.bytesInOutput > 0).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  for (const [i, v] of rows) console.log("   ", v.bytesInOutput, i.replace(root, ""));
}
