import { createClient as createGptGobClient } from "@errata/gpt-gob";
import OpenAI from "openai";
import createFetchClient from "openapi-fetch";
import type { FaultServer } from "./fault-server.js";
import { API_KEY, CHAT_REQUEST } from "./policies.js";
import type { SpecFacts } from "./spec-examples.js";
import { reply } from "./spec-examples.js";

export interface OverheadRow {
  client: string;
  medianMs: number;
  p90Ms: number;
  /** median − median of raw fetch */
  overRawFetchMs: number;
}

export interface OverheadResult {
  calls: number;
  warmup: number;
  rows: OverheadRow[];
  /** (errata − openapi-fetch) / openapi-fetch, on the medians */
  errataOverOpenapiFetch: number;
}

type Call = () => Promise<unknown>;

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Success-path cost per call: the same request, the same 200 body, the same server, one call at a
 * time. Clients are interleaved round-robin (the starting client rotates every round) so that drift
 * in the machine's speed touches all of them alike; the figure is the median.
 */
export async function measureOverhead(server: FaultServer, gob: SpecFacts, calls: number, warmup: number): Promise<OverheadResult> {
  const ok = reply(gob, "completion");
  server.setHandler(() => ({ status: ok.status, body: ok.body }));
  const baseUrl = `${server.origin}/gpt-gob/v1`;
  const body = JSON.stringify(CHAT_REQUEST);
  const headers = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };

  const bare = createFetchClient<any>({ baseUrl, headers: { authorization: `Bearer ${API_KEY}` } });
  const errata = createGptGobClient({ apiKey: API_KEY, baseUrl });
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: baseUrl, maxRetries: 0 });

  const clients: Array<[string, Call]> = [
    [
      "raw fetch",
      async () => {
        const res = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers, body });
        if (!res.ok) throw new Error(`raw fetch: ${res.status}`);
        return res.json();
      },
    ],
    [
      "openapi-fetch",
      async () => {
        const { data, error } = await bare.POST("/chat/completions", { body: CHAT_REQUEST });
        if (error || !data) throw new Error("openapi-fetch failed");
        return data;
      },
    ],
    [
      "errata (@errata/gpt-gob)",
      async () => {
        const { data, error } = await errata.POST("/chat/completions", { body: CHAT_REQUEST });
        if (error || !data) throw new Error(`errata failed: ${error?.message}`);
        return data;
      },
    ],
    ["openai SDK 6.49.0", () => openai.chat.completions.create(CHAT_REQUEST)],
  ];

  const samples = clients.map(() => [] as number[]);
  for (let round = 0; round < warmup + calls; round++) {
    for (let k = 0; k < clients.length; k++) {
      const which = (round + k) % clients.length;
      const started = performance.now();
      await clients[which]![1]();
      const took = performance.now() - started;
      if (round >= warmup) samples[which]!.push(took);
    }
  }

  const medians = samples.map((s) => quantile([...s].sort((a, b) => a - b), 0.5));
  const rows = clients.map(([client], i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    return { client, medianMs: medians[i]!, p90Ms: quantile(sorted, 0.9), overRawFetchMs: medians[i]! - medians[0]! };
  });
  return { calls, warmup, rows, errataOverOpenapiFetch: (medians[2]! - medians[1]!) / medians[1]! };
}
