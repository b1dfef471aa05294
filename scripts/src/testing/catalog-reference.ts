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

/**
 * The delay an example states in its own body, in ms, from the entry's sources (else the provider's).
 * Header sources give nothing: the suite sends no delay header.
 */
export function statedDelayMs(format: DocumentedFormat, entry: DocumentedEntry, value: unknown): number | undefined {
  for (const source of entry.retryAfter ?? format.retryAfter ?? []) {
    if (source.in !== "body") continue;
    const amount = readPath(value, source.path);
    if (typeof amount === "number" && amount >= 0) return amount * (source.unit === "ms" ? 1 : 1000);
  }
  return undefined;
}

/** "429 type rate_limit_exceeded code gremlin_in_the_pipes", for failure messages. */
export function describeEntry(entry: DocumentedEntry): string {
  return [entry.status, ...(["type", "code", "marker"] as const).flatMap((key) => (entry[key] === undefined ? [] : [`${key} ${entry[key]}`]))].join(" ");
}
