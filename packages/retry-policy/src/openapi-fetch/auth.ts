/** Where a provider wants its API key, as the spec's security schemes (or `x-errata.auth`) say. */
export type AuthPlacement =
  | { readonly in: "header"; readonly name: string; readonly scheme?: string }
  | { readonly in: "body"; readonly name: string };

/** The headers that carry the key; none for body placement. */
export function authHeaders(placement: AuthPlacement, apiKey: string | undefined): Record<string, string> {
  if (apiKey === undefined || placement.in !== "header") return {};
  return { [placement.name]: placement.scheme ? `${placement.scheme} ${apiKey}` : apiKey };
}

/** A body serializer that adds the key to every JSON object body, unless the caller set it. */
export function bodyAuthSerializer(placement: AuthPlacement, apiKey: string | undefined) {
  if (apiKey === undefined || placement.in !== "body") return undefined;
  return (body: unknown): string => {
    const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
    return JSON.stringify(isObject ? { [placement.name]: apiKey, ...(body as object) } : body);
  };
}
