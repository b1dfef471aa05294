import { createClient as createA15tClient } from "@errata/a15t";
import { createClient as createGptGobClient } from "@errata/gpt-gob";
import { scaledSleep } from "./scaled-time.js";
import { createStainlessLikeFetch } from "./stainless-like.js";

export const POLICIES = ["errata", "stainless", "none"] as const;
export type PolicyName = (typeof POLICIES)[number];
export type Provider = "gpt-gob" | "a15t";

export const POLICY_LABELS: Record<PolicyName, string> = {
  errata: "errata",
  stainless: "Stainless-like",
  none: "no retries",
};

export const API_KEY = "sk-bench-0000000000000000";

/** The same small chat request for every client and both providers. */
export const CHAT_REQUEST = {
  model: "gob-5.5",
  messages: [{ role: "user" as const, content: "What is the capital of Korea?" }],
};

/** One client per policy for a whole scenario: one logical call at a time, as many in flight as wanted. */
export interface PolicyClient {
  readonly policy: PolicyName;
  /** One logical call; true when it ended with a 2xx. `callId` goes out as `x-bench-call` on every attempt. */
  call(provider: Provider, callId: string): Promise<boolean>;
  /** Waits the policy asked for, in policy (unscaled) ms. */
  readonly waitsMs: readonly number[];
}

/**
 * errata: the generated `createClient` of each provider package, with default retry settings (and so
 * the default retry budget, one per client); only `runtime.sleep` is replaced, by the scaled sleep.
 */
function errataClient(origin: string, scale: number, retry: boolean): PolicyClient {
  const time = scaledSleep(scale);
  const common = { apiKey: API_KEY, runtime: { sleep: time.sleep }, ...(retry ? {} : { retry: false as const }) };
  const gob = createGptGobClient({ ...common, baseUrl: `${origin}/gpt-gob/v1` });
  const a15t = createA15tClient({ ...common, baseUrl: `${origin}/a15t/v1` });
  return {
    policy: retry ? "errata" : "none",
    waitsMs: time.requestedMs,
    async call(provider, callId) {
      const init = { body: CHAT_REQUEST, headers: { "x-bench-call": callId } };
      const result = provider === "gpt-gob" ? await gob.POST("/chat/completions", init) : await a15t.POST("/chat/completions", init);
      return result.error === undefined && result.data !== undefined;
    },
  };
}

/** The Stainless retry loop around plain fetch, same scaled sleep, same request. */
function stainlessClient(origin: string, scale: number): PolicyClient {
  const time = scaledSleep(scale);
  const fetchWithRetries = createStainlessLikeFetch({ sleep: time.sleep });
  const body = JSON.stringify(CHAT_REQUEST);
  return {
    policy: "stainless",
    waitsMs: time.requestedMs,
    async call(provider, callId) {
      try {
        const response = await fetchWithRetries(`${origin}/${provider}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "x-bench-call": callId },
          body,
        });
        await response.json();
        return response.ok;
      } catch {
        return false; // a connection error after the last retry: a failed call, as the SDK would throw
      }
    },
  };
}

export function createPolicyClient(policy: PolicyName, origin: string, scale: number): PolicyClient {
  switch (policy) {
    case "errata":
      return errataClient(origin, scale, true);
    case "none":
      return errataClient(origin, scale, false);
    case "stainless":
      return stainlessClient(origin, scale);
  }
}
