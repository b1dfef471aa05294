// The x-errata convention (specs/README.md) and the runtime's classification, mirrored in plain
// JavaScript: the plugin is loaded by redocly as-is and cannot import the TypeScript runtime.

import { isObject } from "./document.js";

/** ErrorCategory, DESIGN.md. */
export const CATEGORIES = [
  "authentication", "permission", "not_found", "invalid_request", "context_length", "content_filter",
  "conflict", "payment_required", "quota_exceeded", "rate_limited", "server_error", "unavailable",
  "timeout", "stream_interrupted", "network", "aborted", "unknown",
];

export const ROOT_KEYS = ["errorFormat", "errors"];
export const FORMAT_KEYS = ["type", "code", "message", "requestIdHeaders", "retryAfter", "inBand"];
export const ENTRY_KEYS = ["status", "type", "code", "marker", "retryable", "category", "retryAfter", "stream", "resubmit", "description", "inferred"];
export const BODY_UNITS = ["s", "ms"];
export const HEADER_FORMATS = ["seconds", "ms", "duration", "http-date"];
/** The hints the runtime reads first for every provider, documented or not: never listed as sources. */
export const STANDARD_DELAY_HEADERS = ["retry-after-ms", "retry-after"];

/** The root `x-errata` location. */
export function catalogLocation(ctx) {
  return ctx.location.child(["x-errata"]);
}

/**
 * The parts of x-errata the other rules rely on, or undefined when it is too broken to read
 * (catalog-present reports that). Non-list fields read as empty.
 */
export function readCatalog(root) {
  const raw = root?.["x-errata"];
  if (!isObject(raw) || !isObject(raw.errorFormat) || !Array.isArray(raw.errors)) return undefined;
  const format = raw.errorFormat;
  const strings = (v) => (Array.isArray(v) ? v.filter((s) => typeof s === "string" && s !== "") : []);
  const inBand = isObject(format.inBand) && typeof format.inBand.path === "string" && format.inBand.path !== ""
    ? { path: format.inBand.path, errorValues: strings(format.inBand.errorValues) }
    : undefined;
  return {
    format: { type: strings(format.type), code: strings(format.code), message: strings(format.message), inBand },
    errors: raw.errors,
  };
}

/** A dotted path ("error.code") read from a parsed body, as the runtime does. */
export function readPath(body, path) {
  let node = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[key];
  }
  return node;
}

/** The first path holding a non-empty string (the runtime ignores non-strings, e.g. an integer code). */
export function firstString(body, paths) {
  for (const path of paths) {
    const value = readPath(body, path);
    if (typeof value === "string" && value.length > 0) return value;
  }
  return undefined;
}

/** Text to JSON when it looks like and parses as JSON; otherwise the text (the runtime's parseBody). */
export function parseBody(text) {
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  if (trimmed[0] !== "{" && trimmed[0] !== "[") return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

/**
 * The entries that repeat an earlier entry's code: index → the index of the first entry with it.
 * Codes are unique (catalog-entry-complete reports each repeat); a repeat is never classified to.
 */
export function repeatedCodes(errors) {
  const first = new Map();
  const repeats = new Map();
  errors.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.code !== "string") return;
    if (first.has(entry.code)) repeats.set(index, first.get(entry.code));
    else first.set(entry.code, index);
  });
  return repeats;
}

/**
 * The index of the catalog entry a response classifies to, or undefined: code, then type, then
 * marker or status (specs/README.md "How a response is classified"; @errata/retry-policy findCatalogEntry).
 * A code names one entry whatever the status. A type may be documented at several statuses (entries
 * without a code), so the one with the response's status is preferred.
 */
export function findEntry(errors, { status, type, code, marker }) {
  const all = errors.map((_, i) => i).filter((i) => isObject(errors[i]));
  if (code !== undefined) {
    const byCode = all.find((i) => errors[i].code === code);
    if (byCode !== undefined) return byCode;
  }
  if (type !== undefined) {
    const byType = all.filter((i) => errors[i].code === undefined && errors[i].type === type);
    if (byType.length > 0) return byType.find((i) => errors[i].status === status) ?? byType[0];
  }
  if (marker !== undefined) {
    const byMarker = all.find((i) => errors[i].marker === marker && (errors[i].status === undefined || errors[i].status === status));
    if (byMarker !== undefined) return byMarker;
  }
  return all.find((i) => {
    const e = errors[i];
    return e.status === status && e.code === undefined && e.type === undefined && e.marker === undefined;
  });
}

/** "errors[3] (429, type rate_limit_exceeded)" for messages. */
export function describeEntry(entry, index) {
  if (!isObject(entry)) return `errors[${index}]`;
  const parts = [];
  if (entry.status !== undefined) parts.push(String(entry.status));
  for (const key of ["type", "code", "marker"]) if (entry[key] !== undefined) parts.push(`${key} ${JSON.stringify(entry[key])}`);
  return parts.length > 0 ? `errors[${index}] (${parts.join(", ")})` : `errors[${index}]`;
}
