import type { FaultServer, Reply } from "./fault-server.js";
import { createPolicyClient, POLICIES, type PolicyName, type Provider } from "./policies.js";
import { reply, type SpecFacts } from "./spec-examples.js";

/** A reply, and what the spec says about it. */
interface ScenarioReply extends Reply {
  /** For an error: whether the provider's catalog says it may be retried. */
  retryable?: boolean;
  /** For a reply that states a wait: the time (performance.now()) before which a retry is premature. */
  notBefore?: number;
}

/** What the server remembers about one logical call (one `x-bench-call` id). */
interface CallState {
  attempts: number;
  /** The last reply was an error its catalog calls not retryable. */
  lastNonRetryable: boolean;
  /** performance.now() before which a retry is premature (0: none stated). */
  notBefore: number;
}

export interface ScenarioDefinition {
  id: string;
  title: string;
  /** What the server does, in one line, for the report. */
  faults: string;
  provider(index: number): Provider;
  /** The reply to attempt `attempt` (0 = first) of call `index`. */
  reply(index: number, attempt: number, state: CallState, at: number): ScenarioReply;
}

export interface PolicyResult {
  calls: number;
  successes: number;
  successRate: number;
  /** Requests the server received for this policy's calls. */
  requests: number;
  /** requests / calls */
  amplification: number;
  retries: number;
  /** Retries that followed an error the provider documents as not retryable. */
  wastedRetries: number;
  /** Retries that arrived before the wait the server had stated. */
  prematureRetries: number;
  /** Sum of the waits the policy asked for, in policy seconds (before scaling). */
  waitedPolicySeconds: number;
}

export interface RunOptions {
  calls: number;
  concurrency: number;
  /** Policy time / real time. */
  scale: number;
}

/** Deterministic [0, 1) from integers, so that every policy meets the same faults on the same call and attempt. */
export function hash01(seed: number, a: number, b = 0): number {
  let h = (seed ^ Math.imul(a + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Picks from a weighted table with a [0, 1) draw. */
function pick<T>(table: ReadonlyArray<readonly [T, number]>, u: number): T {
  let acc = 0;
  for (const [value, weight] of table) {
    acc += weight;
    if (u < acc) return value;
  }
  return table[table.length - 1]![0];
}

async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Runs one scenario: each policy gets one fresh client for the whole scenario and makes `calls`
 * calls, `concurrency` at a time; the three policies run side by side against the same server,
 * which counts what each one sends.
 */
export async function runScenario(
  server: FaultServer,
  scenario: ScenarioDefinition,
  options: RunOptions,
): Promise<Record<PolicyName, PolicyResult>> {
  const states = new Map<string, CallState>();
  const counts = Object.fromEntries(POLICIES.map((p) => [p, { requests: 0, retries: 0, wasted: 0, premature: 0 }])) as Record<
    PolicyName,
    { requests: number; retries: number; wasted: number; premature: number }
  >;
  server.setHandler(({ call, at }) => {
    const [scenarioId, policy, indexText] = (call ?? "").split(":");
    const c = counts[policy as PolicyName];
    if (scenarioId !== scenario.id || !c) return { status: 400, body: '{"error":{"message":"unknown x-bench-call"}}' };
    let state = states.get(call!);
    if (!state) states.set(call!, (state = { attempts: 0, lastNonRetryable: false, notBefore: 0 }));
    c.requests++;
    if (state.attempts > 0) {
      c.retries++;
      if (state.lastNonRetryable) c.wasted++;
      if (at < state.notBefore) c.premature++;
    }
    const out = scenario.reply(Number(indexText), state.attempts, state, at);
    state.attempts++;
    state.lastNonRetryable = out.status >= 400 && out.retryable === false;
    if (out.notBefore !== undefined) state.notBefore = out.notBefore;
    return { status: out.status, body: out.body, ...(out.headers ? { headers: out.headers } : {}) };
  });

  const results = {} as Record<PolicyName, PolicyResult>;
  await Promise.all(
    POLICIES.map(async (policy) => {
      const client = createPolicyClient(policy, server.origin, options.scale);
      let successes = 0;
      await pool(options.calls, options.concurrency, async (index) => {
        if (await client.call(scenario.provider(index), `${scenario.id}:${policy}:${index}`)) successes++;
      });
      const c = counts[policy];
      results[policy] = {
        calls: options.calls,
        successes,
        successRate: successes / options.calls,
        requests: c.requests,
        amplification: c.requests / options.calls,
        retries: c.retries,
        wastedRetries: c.wasted,
        prematureRetries: c.premature,
        waitedPolicySeconds: client.waitsMs.reduce((a, b) => a + b, 0) / 1000,
      };
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------------
// The four scenarios. Every body is an example from the provider's spec.

export function outageScenario(gob: SpecFacts): ScenarioDefinition {
  const down = reply(gob, "service_unavailable");
  return {
    id: "outage",
    title: "Full outage",
    faults: `every request: GPT Gob 503 \`service_unavailable\``,
    provider: () => "gpt-gob",
    reply: () => ({ status: down.status, body: down.body, retryable: down.retryable }),
  };
}

export function transientScenario(gob: SpecFacts, failureRate: number, seed: number): ScenarioDefinition {
  const down = reply(gob, "service_unavailable");
  const ok = reply(gob, "completion");
  return {
    id: "transient",
    title: `${Math.round(failureRate * 100)} % transient 503s`,
    faults: `each request (first or retry) independently: GPT Gob 503 \`service_unavailable\` with probability ${failureRate}, else 200`,
    provider: () => "gpt-gob",
    reply: (index, attempt) =>
      hash01(seed, index, attempt) < failureRate
        ? { status: down.status, body: down.body, retryable: down.retryable }
        : { status: ok.status, body: ok.body },
  };
}

/** The catalog mix: per provider, [example name, share of calls]. Retryable errors are transient, the others permanent. */
export const CATALOG_MIX: Record<Provider, ReadonlyArray<readonly [string, number]>> = {
  "gpt-gob": [
    ["completion", 0.8],
    ["no_treasure_in_hoard", 0.05], // 429, not retryable (monthly quota)
    ["context_length_exceeded", 0.05], // 400, not retryable
    ["cave_collapsed", 0.05], // 500, retryable
    ["horde_unavailable", 0.05], // 503, retryable
  ],
  a15t: [
    ["completion", 0.8],
    ["internal_error", 0.04], // 500, not retryable
    ["model_unavailable", 0.04], // 502, not retryable
    ["model_overloaded", 0.04], // 503, retryable
    ["model_server_error", 0.04], // 502, retryable
    ["rate_limit_exceeded", 0.04], // 429, retryable (no stated wait)
  ],
};

export function catalogMixScenario(facts: Record<Provider, SpecFacts>, seed: number): ScenarioDefinition {
  const provider = (index: number): Provider => (index % 2 === 0 ? "gpt-gob" : "a15t");
  return {
    id: "catalog-mix",
    title: "Catalog mix",
    faults:
      "half the calls GPT Gob, half a15t; per call, first reply drawn from the table below; a retryable error is transient (the retry succeeds), a non-retryable one permanent",
    provider,
    reply: (index, attempt) => {
      const p = provider(index);
      const name = pick(CATALOG_MIX[p], hash01(seed, index));
      const chosen = reply(facts[p], name);
      const okReply = reply(facts[p], "completion");
      if (chosen.status < 400) return { status: chosen.status, body: chosen.body };
      if (chosen.retryable && attempt > 0) return { status: okReply.status, body: okReply.body };
      return { status: chosen.status, body: chosen.body, retryable: chosen.retryable };
    },
  };
}

/** How a 429 states its wait. */
export const WAIT_FORMS = ["retry-after", "retry-after-ms", "body", "reset-duration"] as const;
export type WaitForm = (typeof WAIT_FORMS)[number];
export const WAIT_FORM_LABELS: Record<WaitForm, string> = {
  "retry-after": "`Retry-After: <s>` header and body `error.retry_after`",
  "retry-after-ms": "`retry-after-ms` header only",
  body: "body `error.retry_after` only (GPT Gob's documented field)",
  "reset-duration": "`X-RateLimit-Reset-Requests: <n>s` header only (GPT Gob's documented header)",
};

function statedWaitReply(template: Record<string, any>, form: WaitForm, waitMs: number): { headers: Record<string, string>; body: string } {
  const seconds = Math.ceil(waitMs / 1000);
  const error = { ...template.error };
  delete error.retry_after;
  const headers: Record<string, string> = {};
  switch (form) {
    case "retry-after":
      headers["retry-after"] = String(seconds);
      error.retry_after = seconds;
      break;
    case "retry-after-ms":
      headers["retry-after-ms"] = String(Math.ceil(waitMs));
      break;
    case "body":
      error.retry_after = seconds;
      break;
    case "reset-duration":
      headers["x-ratelimit-reset-requests"] = `${seconds}s`;
      break;
  }
  return { headers, body: JSON.stringify({ ...template, error }) };
}

/**
 * A share of the calls hit GPT Gob's RPM limit (`gremlin_in_the_pipes`, 429, retryable) whose window
 * resets 1 to 3 s (policy time) after the first 429; every request before the reset gets a 429 that
 * states the time left. A retry that arrives before the reset is premature.
 */
export function statedWaitScenario(gob: SpecFacts, share: number, scale: number, seed: number): ScenarioDefinition {
  const limited = reply(gob, "gremlin_in_the_pipes");
  const template = JSON.parse(limited.body) as Record<string, any>;
  const ok = reply(gob, "completion");
  return {
    id: "stated-wait",
    title: "429 with a stated wait",
    faults: `${Math.round(share * 100)} % of calls: GPT Gob 429 \`gremlin_in_the_pipes\` stating a wait of 1–3 s, in one of ${WAIT_FORMS.length} forms (below), until the window resets; other calls 200`,
    provider: () => "gpt-gob",
    reply: (index, attempt, state, at) => {
      if (hash01(seed, index) >= share) return { status: ok.status, body: ok.body };
      // The window resets 1-3 s (policy time) after this call's first request; state.notBefore keeps it.
      const reset = attempt === 0 ? at + ((1 + Math.floor(hash01(seed + 1, index) * 3)) * 1000) / scale : state.notBefore;
      if (at >= reset) return { status: ok.status, body: ok.body };
      const form = WAIT_FORMS[Math.floor(hash01(seed + 2, index) * WAIT_FORMS.length)]!;
      return { status: limited.status, ...statedWaitReply(template, form, (reset - at) * scale), retryable: true, notBefore: reset };
    },
  };
}
