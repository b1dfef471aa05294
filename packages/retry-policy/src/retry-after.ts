import { readPath } from "./body-path.js";

/** Where a provider documents its retry delay (specs/README.md, "delay source"). */
export type DelaySource =
  | { readonly in: "body"; readonly path: string; readonly unit?: "s" | "ms" }
  | { readonly in: "header"; readonly name: string; readonly format?: "seconds" | "ms" | "duration" | "http-date" };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A usable delay: finite, not negative, whole milliseconds. */
const usable = (ms: number): number | undefined => (Number.isFinite(ms) && ms >= 0 ? Math.ceil(ms) : undefined);

/** "23s", "1m30s", "250ms", "1.5h" → milliseconds; undefined when it is not such a duration. */
export function parseDurationMs(value: string): number | undefined {
  const text = value.trim();
  let total = 0;
  // Every part removed, nothing left over: the whole text is a duration.
  const rest = text.replace(/(\d+(?:\.\d+)?)(ms|s|m|h)/g, (_, amount: string, unit: string) => ((total += Number(amount) * UNIT_MS[unit]!), ""));
  return text && !rest ? usable(total) : undefined;
}

/** Plain seconds ("12", "1.5") → ms. */
export function parseSecondsMs(value: string): number | undefined {
  const text = value.trim();
  return /^\d+(\.\d+)?$/.test(text) ? usable(Number(text) * 1000) : undefined;
}

/** An HTTP-date in the future → ms from `nowMs`; a past or invalid date → undefined. */
export function parseHttpDateMs(value: string, nowMs: number): number | undefined {
  // Date.parse accepts bare numbers as years; an HTTP-date always has letters. NaN fails `>= 0`.
  const delta = /[a-z]/i.test(value) ? Date.parse(value.trim()) - nowMs : Number.NaN;
  return delta >= 0 ? delta : undefined;
}

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string, nowMs: number): number | undefined {
  return parseSecondsMs(value) ?? parseHttpDateMs(value, nowMs);
}

/** A number, or a numeric string, in `unitMs` → ms. */
function fromNumber(value: unknown, unitMs: number): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" ? usable(n * unitMs) : undefined;
}

/** The delay stated by one documented source, or undefined when it is absent or unusable. */
export function delayFromSource(
  source: DelaySource,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  nowMs: number,
): number | undefined {
  if (source.in === "body") return fromNumber(readPath(body, source.path), source.unit === "ms" ? 1 : 1000);
  const raw = headers[source.name.toLowerCase()];
  return raw === undefined ? undefined : (HEADER_FORMATS[source.format!] ?? parseRetryAfterMs)(raw, nowMs);
}

/** How each documented header format reads; "seconds" and no format read as `Retry-After` does. */
const HEADER_FORMATS: Record<string, (raw: string, nowMs: number) => number | undefined> = {
  ms: (raw) => fromNumber(raw, 1),
  duration: (raw) => parseDurationMs(raw) ?? parseSecondsMs(raw),
  "http-date": parseHttpDateMs,
};

/** The standard hints, read before any documented source (rule 3). */
const STANDARD: readonly DelaySource[] = [
  { in: "header", name: "retry-after-ms", format: "ms" },
  { in: "header", name: "retry-after" },
];

/**
 * The delay precedence of specs/README.md: `retry-after-ms`, then `Retry-After`, then the provider's documented sources
 * in order. Headers must be lower-cased (see toHeaderRecord).
 */
export function retryDelayMs(
  headers: Readonly<Record<string, string>>,
  body: unknown,
  sources: readonly DelaySource[],
  nowMs: number,
): number | undefined {
  for (const source of [...STANDARD, ...sources]) {
    const delay = delayFromSource(source, headers, body, nowMs);
    if (delay !== undefined) return delay;
  }
  return undefined;
}
