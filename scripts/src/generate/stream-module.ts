import type { Spec } from "../spec.js";
import { pascalCase } from "./names.js";

/**
 * Streaming operations, from the `x-errata-stream` extension on a 2xx `text/event-stream` media type
 * (specs/README.md, "Streams"). openapi-typescript drops `x-` extensions, so they are read here.
 */

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
const STREAM_KEYS = new Set(["requestBody", "dataSchema", "terminator", "errors"]);
const MATCH_KEYS = ["event", "data", "has"] as const;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

interface Match {
  event?: string;
  data?: string;
  has?: string;
}

export interface StreamOperation {
  path: string;
  method: (typeof METHODS)[number];
  /** The component schema of each event's data, when the spec names one. */
  dataSchema?: string;
  format: {
    requestBody?: Record<string, unknown>;
    terminator?: Match & { deliver?: boolean };
    errors: (Match & { wrap?: string })[];
  };
}

function fail(where: string, problem: string): never {
  throw new Error(`x-errata-stream at ${where}: ${problem} (see specs/README.md, "Streams")`);
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function schemaName(spec: Spec, value: unknown, where: string): string {
  const ref = isObject(value) ? value.$ref : undefined;
  const name = typeof ref === "string" ? SCHEMA_REF.exec(ref)?.[1] : undefined;
  if (!name) fail(where, 'dataSchema must be {$ref: "#/components/schemas/<Name>"}');
  if (!isObject(spec.components?.schemas?.[name])) fail(where, `dataSchema names an unknown schema ${name}`);
  return name;
}

function match(value: unknown, where: string, extra: Record<string, "string" | "boolean">): Match & Record<string, unknown> {
  if (!isObject(value)) fail(where, "must be an object");
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const expected = (MATCH_KEYS as readonly string[]).includes(key) ? "string" : extra[key];
    if (expected === undefined) fail(where, `unknown field ${key}`);
    if (typeof item !== expected) fail(`${where}.${key}`, `must be a ${expected}`);
    out[key] = item;
  }
  if (!MATCH_KEYS.some((key) => key in out)) fail(where, `needs at least one of ${MATCH_KEYS.join(", ")}`);
  return out;
}

/** The 2xx response, following one local `$ref` into components.responses. */
function resolveResponse(spec: Spec, response: unknown): Record<string, any> | undefined {
  if (!isObject(response)) return undefined;
  const ref = response.$ref;
  if (typeof ref !== "string") return response;
  const name = /^#\/components\/responses\/([^/]+)$/.exec(ref)?.[1];
  return name ? spec.components?.responses?.[name] : undefined;
}

function readOne(spec: Spec, raw: unknown, where: string): Omit<StreamOperation, "path" | "method"> {
  if (!isObject(raw)) fail(where, "must be an object");
  for (const key of Object.keys(raw)) if (!STREAM_KEYS.has(key)) fail(where, `unknown field ${key}`);
  const op: Omit<StreamOperation, "path" | "method"> = { format: { errors: [] } };
  if (raw.dataSchema !== undefined) op.dataSchema = schemaName(spec, raw.dataSchema, `${where}.dataSchema`);
  if (raw.requestBody !== undefined && !isObject(raw.requestBody)) fail(`${where}.requestBody`, "must be an object of body fields");
  const terminator = raw.terminator === undefined ? undefined : match(raw.terminator, `${where}.terminator`, { deliver: "boolean" });
  // Key order of the generated table: how to ask, how it ends, how it fails.
  op.format = { ...(raw.requestBody ? { requestBody: raw.requestBody } : {}), ...(terminator ? { terminator } : {}), errors: [] };
  if (raw.errors !== undefined) {
    if (!Array.isArray(raw.errors)) fail(`${where}.errors`, "must be a list");
    op.format.errors = raw.errors.map((rule: unknown, i: number) => {
      const at = `${where}.errors[${i}]`;
      const { dataSchema, ...rest } = isObject(rule) ? rule : fail(at, "must be an object");
      if (dataSchema !== undefined) schemaName(spec, dataSchema, `${at}.dataSchema`); // documentation; checked, not emitted
      return match(rest, at, { wrap: "string" });
    });
  }
  return op;
}

/** Every operation whose 2xx `text/event-stream` carries x-errata-stream, in spec order. */
export function readStreams(spec: Spec): StreamOperation[] {
  const found: StreamOperation[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const method of METHODS) {
      for (const [status, response] of Object.entries<any>(item?.[method]?.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        const raw = resolveResponse(spec, response)?.content?.["text/event-stream"]?.["x-errata-stream"];
        if (raw === undefined) continue;
        const where = `${method.toUpperCase()} ${path} ${status}`;
        if (found.some((op) => op.path === path)) fail(where, "only one streaming operation per path is supported");
        found.push({ path, method, ...readOne(spec, raw, where) });
      }
    }
  }
  return found;
}

/** `<Name>Streams`, `streamFormats` and `readStream`, bound to the spec's schemas and catalog. */
export function streamModule(provider: string, spec: Spec): string {
  const name = pascalCase(provider);
  const streams = readStreams(spec);
  const entries = streams.map((op) => {
    const event = op.dataSchema ? `components["schemas"][${JSON.stringify(op.dataSchema)}]` : "unknown";
    return `  ${JSON.stringify(op.path)}: { method: ${JSON.stringify(op.method)}; event: ${event} };`;
  });
  const formats = Object.fromEntries(streams.map((op) => [op.path, { method: op.method, ...op.format }]));
  return `import { readEventStream, type ProviderEventStream, type ReadEventStreamOptions, type StreamFormats } from "@errata/retry-policy";
${streams.some((op) => op.dataSchema) ? 'import type { components } from "./openapi.js";\n' : ""}import { errorRules, type ${name}Error } from "./catalog.js";

/** The spec's streaming operations (x-errata-stream), by path: the method, and the type of each event. */
export type ${name}Streams = {${entries.length ? `\n${entries.join("\n")}\n` : ""}};

/** One event of a streaming operation, for example \`${name}StreamEvent<${JSON.stringify(streams[0]?.path ?? "/path")}>\`. */
export type ${name}StreamEvent<P extends keyof ${name}Streams> = ${name}Streams[P]["event"];

/** Each streaming operation's x-errata-stream: how to ask for it, its terminator, its error frames. */
export const streamFormats = ${JSON.stringify(formats, null, 2)} as const satisfies StreamFormats;

/**
 * Reads a ${provider} stream you fetched yourself (no retries): typed events, and every failure as a
 * ${name}Error thrown by the iterator (or returned by \`collect()\`).
 */
export function readStream<P extends keyof ${name}Streams>(
  path: P,
  response: Response,
  options: Omit<ReadEventStreamOptions, "catalog" | "format"> = {},
): ProviderEventStream<${name}StreamEvent<P>, ${name}Error> {
  return readEventStream(response, { ...options, catalog: errorRules, format: (streamFormats as StreamFormats)[path as string]! });
}
`;
}
