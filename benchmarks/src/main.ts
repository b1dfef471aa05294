/**
 * `pnpm bench`: errata's retry policy, a Stainless-like status policy and no retries, side by side in
 * one process against one fault-injecting node:http server on 127.0.0.1; then the success-path cost
 * per call and the bundle size of each client. Prints a table, writes results.json and RESULTS.md.
 *
 * Environment: BENCH_CALLS (calls per policy per scenario, default 1000), BENCH_OVERHEAD_CALLS
 * (default 2000), BENCH_STRICT=1 (exit 1 when a target is missed), BENCH_NO_WRITE=1 (print only).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { measureBundles, measureComposition } from "./bundle-size.js";
import { startFaultServer } from "./fault-server.js";
import { measureOverhead } from "./overhead.js";
import { printReport, renderMarkdown, type BenchResults, type ScenarioReport, type Target } from "./report.js";
import { catalogMixScenario, outageScenario, runScenario, statedWaitScenario, transientScenario } from "./scenarios.js";
import { loadSpecFacts } from "./spec-examples.js";

const started = performance.now();
/** The commit measured, and whether the work tree had changes on top of it. */
function gitState(): string {
  try {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--", "packages", "specs", "scripts") !== "";
    return dirty ? `${head} (with uncommitted changes in packages/, specs/ or scripts/)` : head;
  } catch {
    return "unknown";
  }
}
const intFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const config = {
  callsPerScenario: intFromEnv("BENCH_CALLS", 1000),
  concurrency: 32,
  timeScale: 10,
  overheadCalls: intFromEnv("BENCH_OVERHEAD_CALLS", 2000),
  overheadWarmup: 500,
  seed: 20_260_101,
};
// Everything is bounded: the server closes itself after 5 minutes whatever happens.
const server = await startFaultServer(5 * 60_000);
const hardStop = setTimeout(() => {
  console.error("benchmark: gave up after 6 minutes");
  process.exit(2);
}, 6 * 60_000);
hardStop.unref();

try {
  const gob = loadSpecFacts("gpt-gob");
  const a15t = loadSpecFacts("a15t");
  const run = { calls: config.callsPerScenario, concurrency: config.concurrency, scale: config.timeScale };
  const definitions = [
    outageScenario(gob),
    transientScenario(gob, 0.1, config.seed),
    catalogMixScenario({ "gpt-gob": gob, a15t }, config.seed),
    statedWaitScenario(gob, 0.1, config.timeScale, config.seed),
  ];
  // The success path first, in a fresh process: after thousands of scenario calls the JIT state
  // differs from an application's, and the figure came out a few points better than a fresh run.
  process.stderr.write(`success path: ${config.overheadCalls} interleaved calls per client\n`);
  const overhead = await measureOverhead(server, gob, config.overheadCalls, config.overheadWarmup);
  const scenarios: ScenarioReport[] = [];
  for (const definition of definitions) {
    process.stderr.write(`scenario: ${definition.title}\n`);
    const results = await runScenario(server, definition, run);
    scenarios.push({ id: definition.id, title: definition.title, faults: definition.faults, results });
  }
  process.stderr.write("bundles\n");
  const bundles = await measureBundles();
  const composition = await measureComposition();

  const get = (id: string) => scenarios.find((s) => s.id === id)!.results;
  const errataBundle = bundles.find((b) => b.client === "errata (@errata/gpt-gob)")!;
  const targets: Target[] = [
    {
      name: "full outage: retry amplification",
      target: "≤ 1.1 (Stainless-like: 3.0)",
      measured: `${get("outage").errata.amplification.toFixed(3)} (Stainless-like ${get("outage").stainless.amplification.toFixed(2)})`,
      met: get("outage").errata.amplification <= 1.1,
    },
    {
      name: "10 % transient 503s: success rate",
      target: "≥ 99.5 %",
      measured: `${(get("transient").errata.successRate * 100).toFixed(1)} %`,
      met: get("transient").errata.successRate >= 0.995,
    },
    {
      name: "wasted retries",
      target: "0",
      measured: String(get("catalog-mix").errata.wastedRetries),
      met: get("catalog-mix").errata.wastedRetries === 0,
    },
    {
      name: "premature retries",
      target: "0",
      measured: String(get("stated-wait").errata.prematureRetries),
      met: get("stated-wait").errata.prematureRetries === 0,
    },
    {
      name: "success-path overhead over bare openapi-fetch",
      target: "≤ 10 %",
      measured: `${(overhead.errataOverOpenapiFetch * 100).toFixed(1)} %`,
      met: overhead.errataOverOpenapiFetch <= 0.1,
    },
    {
      name: "provider client bundle (openapi-fetch + retry policy)",
      target: "≤ 6 kB gzipped",
      measured: `${(errataBundle.gzipBytes / 1000).toFixed(1)} kB`,
      met: errataBundle.gzipBytes <= 6000,
    },
  ];

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, commit: gitState() },
    config,
    scenarios,
    overhead,
    bundles,
    composition,
    targets,
    durationSeconds: (performance.now() - started) / 1000,
  };
  printReport(results);
  if (!process.env.BENCH_NO_WRITE) {
    const dir = new URL("../", import.meta.url);
    writeFileSync(fileURLToPath(new URL("results.json", dir)), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(fileURLToPath(new URL("RESULTS.md", dir)), renderMarkdown(results));
    console.log("wrote benchmarks/results.json and benchmarks/RESULTS.md");
  }
  if (process.env.BENCH_STRICT && targets.some((t) => !t.met)) process.exitCode = 1;
} finally {
  await server.close();
  clearTimeout(hardStop);
}
