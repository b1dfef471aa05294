import { loadSpec, resolveRef, type Spec } from "../spec.js";

/** One example response from a spec, as a server would send it. */
export interface SpecExample {
  /** "POST /chat/completions 429 gremlin_in_the_pipes" */
  id: string;
  name: string;
  status: number;
  mediaType: string;
  /** The body as the wire carries it: JSON text, or the text itself. */
  body: string;
  /** The parsed value for JSON examples. */
  value: unknown;
  /** The media type's `x-errata-stream` (specs/README.md), for text/event-stream examples that have one. */
  stream?: Record<string, any>;
  /** The first example value of each header the response declares with one, by its declared name. */
  headers: Record<string, string>;
}

/** A header's first example: its own `example` or `examples`, else its schema's. Numbers as text. */
function headerExample(spec: Spec, header: any): string | undefined {
  const schema = resolveRef(spec, header?.schema);
  const candidates = [header?.example, ...Object.values<any>(header?.examples ?? {}).map((ex) => resolveRef(spec, ex)?.value), schema?.example, ...(Array.isArray(schema?.examples) ? schema.examples : [])];
  const first = candidates.find((v) => typeof v === "string" || typeof v === "number");
  return first === undefined ? undefined : String(first);
}

/** What a server documented by this response sends: each declared header that has an example, with it. */
function declaredHeaders(spec: Spec, response: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries<any>(response?.headers ?? {})) {
    const value = headerExample(spec, resolveRef(spec, raw));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Every named example of every response of every operation, each distinct example once. */
export function responseExamples(spec: Spec, filter: (status: number) => boolean = () => true): SpecExample[] {
  const seen = new Map<string, SpecExample>();
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (!operation?.responses) continue;
      for (const [code, rawResponse] of Object.entries<any>(operation.responses)) {
        const status = Number(code);
        if (!Number.isInteger(status) || !filter(status)) continue;
        const response = resolveRef(spec, rawResponse);
        const headers = declaredHeaders(spec, response);
        for (const [mediaType, media] of Object.entries<any>(response?.content ?? {})) {
          const named = Object.entries<any>(media.examples ?? {}).map(([name, ex]) => [name, resolveRef(spec, ex)?.value] as const);
          if (media.example !== undefined) named.push(["example", media.example]);
          for (const [name, value] of named) {
            // A response shared by several operations is listed once; same-named but different examples stay.
            const key = `${status} ${mediaType} ${name} ${JSON.stringify(value)}`;
            if (seen.has(key)) continue;
            seen.set(key, {
              id: `${method.toUpperCase()} ${path} ${status} ${name}`,
              name,
              status,
              mediaType,
              body: typeof value === "string" ? value : JSON.stringify(value),
              value,
              ...(media["x-errata-stream"] ? { stream: media["x-errata-stream"] } : {}),
              headers,
            });
          }
        }
      }
    }
  }
  return [...seen.values()];
}

/** The error examples (4xx/5xx, plus 2xx JSON examples, which in-band providers use for errors). */
export async function errorExamples(provider: string): Promise<SpecExample[]> {
  const spec = await loadSpec(provider);
  return responseExamples(spec).filter((ex) => ex.status >= 400 || ex.mediaType.includes("json"));
}

/** The enum of a schema property reached by a dotted path (e.g. "error.code") from a named component schema. */
export function schemaEnum(spec: Spec, schemaName: string, dottedPath: string): unknown[] | undefined {
  let schema = resolveRef(spec, spec.components?.schemas?.[schemaName]);
  for (const key of dottedPath.split(".")) schema = resolveRef(spec, schema?.properties?.[key]);
  return schema?.enum;
}

/**
 * The text/event-stream examples of one operation's 200 response, by name: what its server streams.
 * Throws when the operation documents none, so a renamed path fails loudly instead of playing nothing.
 */
export function streamExamples(spec: Spec, path: string, method = "post"): Record<string, string> {
  const response = resolveRef(spec, spec.paths?.[path]?.[method]?.responses?.["200"]);
  const examples = response?.content?.["text/event-stream"]?.examples;
  if (!examples) throw new Error(`${method.toUpperCase()} ${path} documents no text/event-stream examples`);
  return Object.fromEntries(Object.entries<any>(examples).map(([name, ex]) => [name, resolveRef(spec, ex)?.value]));
}
