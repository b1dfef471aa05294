import { toHeaderRecord, type HeaderInput } from "../headers.js";

/** Where a provider wants its API key, as the spec's security schemes (or `x-errata.auth`) say. */
export type AuthPlacement =
  | { readonly in: "header"; readonly name: string; readonly scheme?: string }
  | { readonly in: "body"; readonly name: string };

/**
 * The keys a request carries where the spec puts them: the value of each auth header (without its
 * scheme) and each body key field. Read from what the caller wrote, not only from `apiKey`, so that a
 * key set in `headers` or in a call's body is redacted from errors too.
 */
export function keysCarried(placements: readonly AuthPlacement[], headers: unknown, body: unknown): string[] {
  // toHeaderRecord reads raw values, unvalidated: a value fetch would reject (a newline) is still found.
  const sent = toHeaderRecord(headers as HeaderInput | undefined);
  const found: string[] = [];
  for (const placement of placements) {
    const value = placement.in === "body" ? (body !== null && typeof body === "object" ? (body as Record<string, unknown>)[placement.name] : undefined) : sent[placement.name.toLowerCase()]?.trim();
    if (typeof value !== "string" || value === "") continue;
    const prefix = placement.in === "header" && placement.scheme ? `${placement.scheme.toLowerCase()} ` : "";
    found.push(prefix && value.toLowerCase().startsWith(prefix) ? value.slice(prefix.length).trim() : value);
  }
  return found;
}

/** The headers that carry the key; none for body placement. */
export function authHeaders(placement: AuthPlacement, apiKey: string | undefined): Record<string, string> {
  if (apiKey === undefined || placement.in !== "header") return {};
  return { [placement.name]: placement.scheme ? `${placement.scheme} ${apiKey}` : apiKey };
}

/**
 * A body serializer that adds the key to every JSON object body, unless the caller set one. A key
 * field left `undefined`, `null` or empty (`{ key: process.env.OTHER_KEY }`, unset) is not set: the
 * client's key goes in, rather than a request with no key at all.
 */
export function bodyAuthSerializer(placement: AuthPlacement, apiKey: string | undefined) {
  if (apiKey === undefined || placement.in !== "body") return undefined;
  return (body: unknown): string => {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return JSON.stringify(body);
    const own = (body as Record<string, unknown>)[placement.name];
    return JSON.stringify({ ...body, [placement.name]: own === undefined || own === null || own === "" ? apiKey : own });
  };
}
