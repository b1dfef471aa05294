import { inBandSuccessValues } from "./in-band-values.js";
import type { Spec } from "./spec.js";

// Mirrors @errata/retry-policy's ErrorCatalog; scripts read specs, they do not import the runtime.
export const CATEGORIES = [
  "authentication", "permission", "not_found", "invalid_request", "context_length", "content_filter",
  "conflict", "payment_required", "quota_exceeded", "rate_limited", "server_error", "unavailable",
  "timeout", "stream_interrupted", "network", "aborted", "unknown",
] as const;

export interface DelaySource {
  in: "body" | "header";
  path?: string;
  unit?: "s" | "ms";
  name?: string;
  format?: "seconds" | "ms" | "duration" | "http-date";
}

export interface CatalogEntry {
  status?: number;
  type?: string;
  code?: string;
  marker?: string;
  retryable: boolean;
  category: (typeof CATEGORIES)[number];
  retryAfter?: DelaySource[];
  stream?: boolean;
  resubmit?: boolean;
  description: string;
  inferred?: string[];
}

export interface ErrorFormat {
  type?: string[];
  code?: string[];
  message?: string[];
  requestIdHeaders?: string[];
  retryAfter?: DelaySource[];
  /** `successValues` is not written in the spec: it is read from the 2xx schemas (in-band-values.ts). */
  inBand?: { path: string; errorValues: string[]; successValues?: string[] };
}

export interface Catalog {
  errorFormat: ErrorFormat;
  errors: CatalogEntry[];
}

const ENTRY_KEYS = new Set(["status", "type", "code", "marker", "retryable", "category", "retryAfter", "stream", "resubmit", "description", "inferred"]);
const FORMAT_KEYS = new Set(["type", "code", "message", "requestIdHeaders", "retryAfter", "inBand"]);

function fail(where: string, problem: string): never {
  throw new Error(`x-errata ${where}: ${problem} (see specs/README.md)`);
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) fail(where, "must be a list of strings");
  return value;
}

function delaySources(value: unknown, where: string): DelaySource[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(where, "must be a list of delay sources");
  return value.map((source, i) => {
    const at = `${where}[${i}]`;
    if (source?.in === "body" && typeof source.path === "string" && ["s", "ms"].includes(source.unit === undefined ? "s" : source.unit)) return source;
    if (source?.in === "header" && typeof source.name === "string" && ["seconds", "ms", "duration", "http-date"].includes(source.format === undefined ? "seconds" : source.format)) return source;
    return fail(at, "must be {in: body, path, unit: s|ms} or {in: header, name, format: seconds|ms|duration|http-date}");
  });
}

/** Reads and checks the spec's x-errata. The lint rules say the same; this fails loudly if lint was skipped. */
export function readCatalog(spec: Spec): Catalog {
  const raw = spec["x-errata"];
  if (raw === null || typeof raw !== "object") fail("", "missing at the document root");
  const format = raw.errorFormat ?? fail("errorFormat", "missing");
  for (const key of Object.keys(format)) if (!FORMAT_KEYS.has(key)) fail(`errorFormat.${key}`, "unknown field");
  const errorFormat: ErrorFormat = {};
  for (const key of ["type", "code", "message", "requestIdHeaders"] as const) {
    const list = stringList(format[key], `errorFormat.${key}`);
    if (list) errorFormat[key] = list;
  }
  const providerDelays = delaySources(format.retryAfter, "errorFormat.retryAfter");
  if (providerDelays) errorFormat.retryAfter = providerDelays;
  if (format.inBand !== undefined) {
    const { path, errorValues } = format.inBand;
    if (typeof path !== "string") fail("errorFormat.inBand.path", "must be a string");
    errorFormat.inBand = { path, errorValues: stringList(errorValues, "errorFormat.inBand.errorValues") ?? fail("errorFormat.inBand.errorValues", "missing") };
    const successValues = inBandSuccessValues(spec, errorFormat.inBand);
    if (successValues) errorFormat.inBand.successValues = successValues;
  }
  if (!Array.isArray(raw.errors) || raw.errors.length === 0) fail("errors", "must be a non-empty list");
  const codes = new Set<string>();
  const errors = raw.errors.map((entry: any, i: number): CatalogEntry => {
    const at = `errors[${i}]`;
    for (const key of Object.keys(entry ?? {})) if (!ENTRY_KEYS.has(key)) fail(`${at}.${key}`, "unknown field");
    if (typeof entry.retryable !== "boolean") fail(at, "retryable must be true or false");
    if (!CATEGORIES.includes(entry.category)) fail(at, `category must be one of ${CATEGORIES.join(", ")}`);
    if (typeof entry.description !== "string" || entry.description.trim() === "") fail(at, "description is required");
    if (entry.status === undefined && entry.type === undefined && entry.code === undefined && entry.marker === undefined) {
      fail(at, "needs status, type, code or marker to be recognised");
    }
    if (entry.status !== undefined && !(Number.isInteger(entry.status) && entry.status >= 100 && entry.status <= 599)) fail(at, "status must be an HTTP status");
    for (const key of ["type", "code", "marker"] as const) {
      if (entry[key] !== undefined && (typeof entry[key] !== "string" || entry[key] === "")) fail(`${at}.${key}`, "must be a non-empty string");
    }
    if (entry.stream !== undefined && typeof entry.stream !== "boolean") fail(`${at}.stream`, "must be true or false");
    if (entry.resubmit !== undefined && typeof entry.resubmit !== "boolean") fail(`${at}.resubmit`, "must be true or false");
    if (entry.resubmit === true && !entry.retryable) fail(`${at}.resubmit`, "needs retryable: true (a new request can succeed)");
    if (entry.code !== undefined) {
      if (codes.has(entry.code)) fail(at, `code ${entry.code} appears twice`);
      codes.add(entry.code);
    }
    const out: CatalogEntry = { ...entry };
    const delays = delaySources(entry.retryAfter, `${at}.retryAfter`);
    if (delays) out.retryAfter = delays;
    return out;
  });
  return { errorFormat, errors };
}
