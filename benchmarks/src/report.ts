import type { BundleRow, CompositionRow } from "./bundle-size.js";
import type { OverheadResult } from "./overhead.js";
import { POLICIES, POLICY_LABELS, type PolicyName } from "./policies.js";
import { CATALOG_MIX, WAIT_FORM_LABELS, WAIT_FORMS, type PolicyResult } from "./scenarios.js";

export interface ScenarioReport {
  id: string;
  title: string;
  faults: string;
  results: Record<PolicyName, PolicyResult>;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  generatedAt: string;
  environment: { node: string; platform: string; cpus: number; commit: string };
  config: { callsPerScenario: number; concurrency: number; timeScale: number; overheadCalls: number; overheadWarmup: number; seed: number };
  scenarios: ScenarioReport[];
  overhead: OverheadResult;
  bundles: BundleRow[];
  /** Where the bytes of the GPT Gob createClient bundle come from (built from sources). */
  composition: CompositionRow[];
  targets: Target[];
  durationSeconds: number;
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function scenario(results: BenchResults, id: string): ScenarioReport {
  const found = results.scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** The headline table: one line per scenario, one column per policy. */
export function headlineRows(results: BenchResults): string[][] {
  const row = (id: string, metric: string, value: (r: PolicyResult) => string, target: string) => {
    const s = scenario(results, id);
    return [`${s.title}`, metric, ...POLICIES.map((p) => value(s.results[p])), target];
  };
  const transient = scenario(results, "transient");
  return [
    row("outage", "retry amplification (requests / call)", (r) => r.amplification.toFixed(2), "≤ 1.1"),
    row("transient", "success rate", (r) => pct(r.successRate), "≥ 99.5 %"),
    [`${transient.title}`, "retry amplification", ...POLICIES.map((p) => transient.results[p].amplification.toFixed(2)), ""],
    row("catalog-mix", "wasted retries (of non-retryable errors)", (r) => String(r.wastedRetries), "0"),
    row("catalog-mix", "success rate", (r) => pct(r.successRate), ""),
    row("stated-wait", "premature retries (before the stated time)", (r) => String(r.prematureRetries), "0"),
    row("stated-wait", "success rate", (r) => pct(r.successRate), ""),
  ];
}

export function overheadRows(results: BenchResults): string[][] {
  const openapiFetch = results.overhead.rows.find((r) => r.client === "openapi-fetch")!;
  return results.overhead.rows.map((r) => [
    r.client,
    `${r.medianMs.toFixed(3)} ms`,
    `${r.p90Ms.toFixed(3)} ms`,
    r.client === "raw fetch" ? "" : `${r.overRawFetchMs >= 0 ? "+" : ""}${r.overRawFetchMs.toFixed(3)} ms`,
    r.client === "openapi-fetch" ? "" : `${r.medianMs >= openapiFetch.medianMs ? "+" : ""}${pct((r.medianMs - openapiFetch.medianMs) / openapiFetch.medianMs)}`,
  ]);
}

export function bundleRows(results: BenchResults): string[][] {
  return results.bundles.map((b) => [
    b.client,
    kB(b.minifiedBytes),
    kB(b.gzipBytes),
    b.lazy ? `${kB(b.lazy.minifiedBytes)} / ${kB(b.lazy.gzipBytes)}` : "",
  ]);
}

export function compositionRows(results: BenchResults): string[][] {
  return results.composition.map((c) => [c.part, kB(c.minifiedBytes), c.lazy ? "" : pct(c.share, 0)]);
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const HEADLINE_HEADER = ["scenario", "metric", ...POLICIES.map((p) => POLICY_LABELS[p]), "target (errata)"];
const OVERHEAD_HEADER = ["client", "median / call", "p90 / call", "over raw fetch", "vs openapi-fetch"];
const BUNDLE_HEADER = ["client", "minified", "min + gzip", "stream chunk, loaded by the first stream() (min / gzip)"];
const TARGET_HEADER = ["target", "goal", "measured", "met"];
const COMPOSITION_HEADER = ["part of the @errata/gpt-gob createClient bundle", "minified", "share"];

export function targetRows(results: BenchResults): string[][] {
  return results.targets.map((t) => [t.name, t.target, t.measured, t.met ? "yes" : "**NO**"]);
}

export function printReport(results: BenchResults): void {
  const out = [
    "",
    `Resilience (${results.config.callsPerScenario} calls per policy per scenario, ${results.config.concurrency} in flight, time scaled 1/${results.config.timeScale})`,
    textTable(HEADLINE_HEADER, headlineRows(results)),
    "",
    `Success path (median of ${results.overhead.calls} interleaved calls per client, after ${results.overhead.warmup} warm-up rounds)`,
    textTable(OVERHEAD_HEADER, overheadRows(results)),
    "",
    "Bundle (esbuild --bundle --minify --splitting, browser ESM, gzip -9 per file; up front, and the chunk the first stream() loads)",
    textTable(BUNDLE_HEADER, bundleRows(results)),
    "",
    textTable(COMPOSITION_HEADER, compositionRows(results)),
    "",
    "Targets",
    textTable(TARGET_HEADER, targetRows(results).map((r) => r.map((c) => c.replace(/\*\*/g, "")))),
    "",
    `pnpm bench: ${results.durationSeconds.toFixed(1)} s (benchmark only, build excluded)`,
  ];
  console.log(out.join("\n"));
}

function allCounts(results: BenchResults): string[][] {
  const rows: string[][] = [];
  for (const s of results.scenarios) {
    for (const p of POLICIES) {
      const r = s.results[p];
      rows.push([
        s.title,
        POLICY_LABELS[p],
        String(r.calls),
        String(r.successes),
        String(r.requests),
        String(r.retries),
        String(r.wastedRetries),
        String(r.prematureRetries),
        r.waitedPolicySeconds.toFixed(1),
      ]);
    }
  }
  return rows;
}

export function renderMarkdown(results: BenchResults): string {
  const c = results.config;
  const mixRows = Object.entries(CATALOG_MIX).flatMap(([provider, table]) =>
    table.map(([name, share]) => [provider, `\`${name}\``, pct(share, 0)]),
  );
  return `# Benchmark results

Generated by \`pnpm bench\` (benchmarks/src/main.ts) on ${results.generatedAt}.
Node ${results.environment.node}, ${results.environment.platform}, ${results.environment.cpus} CPUs; commit ${results.environment.commit}.
The benchmark itself took ${results.durationSeconds.toFixed(0)} s (build excluded). Raw numbers: [results.json](./results.json).

## Resilience: the same faults, three retry policies

${markdownTable(HEADLINE_HEADER, headlineRows(results))}

- **errata**: \`createClient\` of \`@errata/gpt-gob\` and \`@errata/a15t\` with default settings (2 retries,
  full-jitter backoff from 500 ms capped at 8 s, server hints first, the default retry budget), one
  client per provider for the whole scenario.
- **Stainless-like**: the retry loop of the Stainless-generated SDKs, reproduced from openai 6.49.0
  (benchmarks/src/stainless-like.ts): 2 retries of connection errors, 408, 409, 429 and 5xx;
  \`retry-after-ms\` / \`Retry-After\` honoured; else 0.5 s × 2^n capped at 8 s minus up to 25 % jitter.
- **no retries**: the errata client with \`retry: false\`.

## Success path: cost per call

${markdownTable(OVERHEAD_HEADER, overheadRows(results))}

## Bundle size

${markdownTable(BUNDLE_HEADER, bundleRows(results))}

"minified" and "min + gzip" are what the page loads up front: the entry's chunk and every chunk it
imports statically, each gzipped on its own and summed. The streaming machinery (SSE parser, stream
reader, streaming fetch) sits behind a dynamic \`import()\` in \`client.stream()\`, so a bundler puts
it in a chunk of its own that the first \`stream()\` call loads: its size is in the last column, not in
the others. An app that streams loads both; one that never calls \`stream()\` never loads the chunk
(esbuild still emits it whenever the module holding the \`import()\` is bundled, as for parseError).

Where the bytes of the GPT Gob \`createClient\` bundle come from (the same entry built from the
TypeScript sources, so that every module shows; minified bytes before gzip):

${markdownTable(COMPOSITION_HEADER, compositionRows(results))}

## Targets (issue 4)

${markdownTable(TARGET_HEADER, targetRows(results))}

## How to read this table

Each resilience row is one scenario run once per policy: ${c.callsPerScenario} calls, ${c.concurrency} in flight, one
client per policy for the whole scenario, and the three policies side by side against the same local
server, which injects the same fault into the same call and attempt for every policy and counts what
each one sends. **Retry amplification** is requests received ÷ calls made: 1.00 means no retries, 3.00
means every call was tried three times; in a full outage every extra request is load on a provider that
is already down. **Success rate** is the share of calls that ended with a 2xx. **Wasted retries** are
retries the server received right after answering with an error its own catalog documents as not
retryable (a monthly quota, an internal error the provider says not to retry): they can never succeed.
**Premature retries** are retries that arrived before the rate-limit window the server had stated
(in \`Retry-After\`, \`retry-after-ms\`, the body's \`retry_after\` or \`X-RateLimit-Reset-Requests\`) had
reset. Lower is better for amplification, wasted and premature; higher for success. The success-path
table is a median of ${results.overhead.calls} interleaved calls per client to the same 127.0.0.1 route (one
call at a time), so it includes the local server's own time; "over raw fetch" is the client's own cost.
Bundle sizes are what a browser app loads up front for one \`createClient\` and one call; the
streaming chunk that the first \`client.stream()\` loads is reported beside them, not hidden.

## Method

- **Time is scaled 1/${c.timeScale}.** Both retrying policies keep their real settings and see the server's
  real stated waits (seconds), but every wait they ask for is slept ${c.timeScale}× shorter (an injected
  \`runtime.sleep\` for errata, the same function for the Stainless-like loop; it never wakes early).
  The server divides its stated waits by the same factor when it judges a retry premature, so a 1 s
  \`Retry-After\` is honoured after ${1000 / c.timeScale} ms of real time. The retry budget counts requests, not time, so
  scaling does not change it.
- **Faults are deterministic** per (call, attempt) from seed ${c.seed}: every policy meets the same fault on
  its n-th call's k-th attempt.
- **Full outage**: every request gets GPT Gob's documented 503 \`service_unavailable\`.
- **Transient**: each request independently gets that 503 with probability 10 %.
- **Catalog mix**: even calls go to GPT Gob, odd calls to a15t; each call's first reply is drawn from the
  table below (bodies are the specs' own examples; retryability is what each spec's \`x-errata\` catalog
  says). A retryable error is transient (the retry succeeds); a non-retryable one is permanent.

${markdownTable(["provider", "first reply", "share of calls"], mixRows)}

- **429 with a stated wait**: 10 % of calls hit GPT Gob's \`gremlin_in_the_pipes\` (429, retryable); the
  window resets 1–3 s after the call's first request, and every request before the reset gets a 429
  stating the time left, in one of these forms (a quarter of the limited calls each):
${WAIT_FORMS.map((f) => `  - ${WAIT_FORM_LABELS[f]}`).join("\n")}
- Success path: raw \`fetch\`, bare \`openapi-fetch\` (\`createClient\`), the errata GPT Gob client (default
  retry settings) and the \`openai\` SDK (\`maxRetries: 0\`), all POSTing the same chat request to the
  same route and parsing the same JSON body; ${c.overheadWarmup} warm-up rounds, then ${c.overheadCalls} rounds, the
  starting client rotating each round.
- Bundles: esbuild 0.28.2, \`--bundle --minify --splitting\`, ESM, browser platform, tree-shaken, no
  legal comments; gzip level 9, each output file on its own. 1 kB = 1,000 bytes.

### Every count

${markdownTable(["scenario", "policy", "calls", "successes", "requests", "retries", "wasted", "premature", "waited (policy s)"], allCounts(results))}
`;
}
