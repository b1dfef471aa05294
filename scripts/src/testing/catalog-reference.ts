// What a spec's x-errata says a response means, restated from specs/README.md over the YAML. The
// contract suite compares parseError with this, so it must not reuse the runtime's code: a bug there
// would otherwise agree with itself.

/** A delay source as the spec writes it (specs/README.md "Catalog entries"). */
export type DocumentedDelay = { in: "body"; path: string; unit?: "s" | "ms" } | { in: "header"; name: string; format?: string };

/** One `x-errata.errors[]` entry, as the YAML states it. */
export interface DocumentedEntry {
  status?: number;
  type?: string;
  code?: string;
  marker?: string;
  retryable: boolean;
  category: string;
  retryAfter?: DocumentedDelay[];
  stream?: boolean;
  resubmit?: boolean;
  inferred?: string[];
}

/** `x-errata.errorFormat`, as the YAML states it. */
export interface DocumentedFormat {
  type?: string[];
  code?: string[];
  message?: string[];
  requestIdHeaders?: string[];
  retryAfter?: DocumentedDelay[];
  inBand?: { path: string; errorValues: string[] };
}

/** The entry a response classifies to, and which of the provider's keys found it. */
export interface Classified {
  entry: DocumentedEntry;
  by: "code" | "type" | "marker" | "status";
}

export function readPath(value: unknown, dottedPath: string): unknown {
  let node = value;
  for (const key of dottedPath.split(".")) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** The first path holding a non-empty string; other values (llama-server's integer code) do not count. */
export function firstString(value: unknown, paths: readonly string[] = []): string | undefined {
  for (const path of paths) {
    const found = readPath(value, path);
    if (typeof found === "string" && found !== "") return found;
  }
  return undefined;
}

/** The in-band marker of a 2xx body, or undefined when it is not an in-band error. */
export function inBandMarker(format: DocumentedFormat, status: number, value: unknown): string | undefined {
  if (!format.inBand || status < 200 || status >= 300) return undefined;
  const marker = readPath(value, format.inBand.path);
  return typeof marker === "string" && format.inBand.errorValues.includes(marker) ? marker : undefined;
}

/** "How a response is classified", rules 1 to 3: the code decides, then the type, then the marker or the status. */
export function classify(entries: readonly DocumentedEntry[], format: DocumentedFormat, status: number, value: unknown): Classified | undefined {
  // A code names one entry (codes are unique), whatever the status. A type without a code may be
  // documented at several statuses: the entry for this status wins.
  const code = firstString(value, format.code);
  const byCode = code === undefined ? undefined : entries.find((e) => e.code === code);
  if (byCode) return { entry: byCode, by: "code" };
  const type = firstString(value, format.type);
  const typed = type === undefined ? [] : entries.filter((e) => e.code === undefined && e.type === type);
  const byType = typed.find((e) => e.status === status) ?? typed[0];
  if (byType) return { entry: byType, by: "type" };
  const marker = inBandMarker(format, status, value);
  const byMarker = marker === undefined ? undefined : entries.find((e) => e.marker === marker && (e.status ?? status) === status);
  if (byMarker) return { entry: byMarker, by: "marker" };
  const byStatus = entries.find((e) => e.status === status && e.code === undefined && e.type === undefined && e.marker === undefined);
  return byStatus && { entry: byStatus, by: "status" };
}

/**
 * What an example says against the entry it classifies to, where the entry states it: another status
 * (outside a stream: a frame sits under the stream's 200 whatever its entry's status), another type.
 * Classification goes by code first, so nothing else notices an example filed under the wrong status.
 */
export function disagreements({ entry }: Classified, format: DocumentedFormat, example: { status: number; value: unknown; inStream: boolean }): string[] {
  const out: string[] = [];
  if (!example.inStream && entry.status !== undefined && example.status !== entry.status) out.push(`sits under ${example.status}, its entry says status ${entry.status}`);
  const type = firstString(example.value, format.type);
  if (entry.type !== undefined && type !== undefined && type !== entry.type) out.push(`has type ${type}, its entry says ${entry.type}`);
  return out;
}

/** Rule 4: after the 200, only a code (or an entry documented as a stream error) names the failure. */
export function inStreamCategory({ entry, by }: Classified): string {
  return by === "code" || entry.stream ? entry.category : "stream_interrupted";
}

/** The human text an example carries: a text body, or the first message path (a FastAPI list joined). */
export function documentedMessage(format: DocumentedFormat, value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  for (const path of format.message ?? []) {
    const found = readPath(value, path);
    if (typeof found === "string" && found !== "") return found;
    if (Array.isArray(found) && found.length > 0) {
      return found.map((item: { loc: (string | number)[]; msg: string }) => `${item.loc.join(".")}: ${item.msg}`).join("; ");
    }
  }
  return undefined;
}

/** The delay sources that apply to an entry: its own, else the provider's (also for an unknown error). */
export function delaySources(format: DocumentedFormat, entry: DocumentedEntry | undefined): DocumentedDelay[] {
  return entry?.retryAfter ?? format.retryAfter ?? [];
}

/** A header's value, its name compared case-insensitively as HTTP does. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

const SECONDS = /^\d+(\.\d+)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "1m30s" → 90000; undefined unless the whole text is such parts. */
function durationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit!]!, 0);
}

/**
 * What a header source reads from a value, in ms, by its `format` (specs/README.md, "Delay sources"):
 * seconds, ms, a duration (`23s`, `1m30s`, `250ms`), an HTTP-date from `nowMs`; no format reads as
 * Retry-After does (seconds or an HTTP-date). A past date is no delay.
 */
export function headerDelayMs(format: string | undefined, raw: string, nowMs: number): number | undefined {
  const text = raw.trim();
  const seconds = SECONDS.test(text) ? Number(text) * 1000 : undefined;
  const untilDate = /[a-z]/i.test(text) ? Date.parse(text) - nowMs : Number.NaN;
  const date = untilDate >= 0 ? untilDate : undefined;
  if (format === "ms") return SECONDS.test(text) ? Number(text) : undefined;
  if (format === "duration") return durationMs(text);
  if (format === "http-date") return date;
  if (format === "seconds") return seconds;
  return seconds ?? date;
}

/**
 * The delay an example states, in ms: the first of the entry's sources (else the provider's) that
 * its body, or the headers sent with it, give.
 */
export function statedDelayMs(format: DocumentedFormat, entry: DocumentedEntry, value: unknown, headers: Readonly<Record<string, string>> = {}, nowMs = 0): number | undefined {
  for (const source of delaySources(format, entry)) {
    if (source.in === "body") {
      const amount = readPath(value, source.path);
      if (typeof amount === "number" && amount >= 0) return amount * (source.unit === "ms" ? 1 : 1000);
      continue;
    }
    const raw = headerValue(headers, source.name);
    const ms = raw === undefined ? undefined : headerDelayMs(source.format, raw, nowMs);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/**
 * The headers a server documented by the spec sends with an error that its delay sources read: of
 * `declared` (the response's headers with their example values), those the header sources name.
 */
export function delayHeaders(format: DocumentedFormat, entry: DocumentedEntry | undefined, declared: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of delaySources(format, entry)) {
    if (source.in !== "header") continue;
    const name = Object.keys(declared).find((k) => k.toLowerCase() === source.name.toLowerCase());
    if (name !== undefined) out[name] = declared[name]!;
  }
  return out;
}

/**
 * The header sources that no example gives a value for: `"<whose> reads <name>"` for each source of
 * an entry (or of the provider, for the entries without their own) that is declared, with an example,
 * on none of the responses carrying the examples it serves. Such a source (a misspelt name) could
 * never state a delay, and the suite could not check it.
 */
export function unexampledHeaderSources(format: DocumentedFormat, examples: readonly { entry: DocumentedEntry | undefined; headers: Readonly<Record<string, string>> }[]): string[] {
  const served = new Map<DocumentedEntry | "provider", Set<string>>();
  for (const { entry, headers } of examples) {
    const owner = entry?.retryAfter ? entry : "provider";
    const names = served.get(owner) ?? new Set<string>();
    for (const name of Object.keys(headers)) names.add(name.toLowerCase());
    served.set(owner, names);
  }
  const out: string[] = [];
  for (const [owner, names] of served) {
    const sources = owner === "provider" ? (format.retryAfter ?? []) : (owner.retryAfter ?? []);
    for (const source of sources) {
      if (source.in === "header" && !names.has(source.name.toLowerCase())) out.push(`${owner === "provider" ? "errorFormat" : describeEntry(owner)} reads ${source.name}`);
    }
  }
  return out;
}

/** "429 type rate_limit_exceeded code gremlin_in_the_pipes", for failure messages. */
export function describeEntry(entry: DocumentedEntry): string {
  return [entry.status, ...(["type", "code", "marker"] as const).flatMap((key) => (entry[key] === undefined ? [] : [`${key} ${entry[key]}`]))].join(" ");
}
