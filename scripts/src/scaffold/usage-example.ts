import { clientSetup } from "../generate/client-setup.js";
import { resolveRef, type Spec } from "../spec.js";

/** `gguf-cloud` + `deployment_id` -> `GGUF_CLOUD_DEPLOYMENT_ID`: where the README draft reads each setting from. */
const envName = (id: string, setting: string) => `${id}_${setting}`.toUpperCase().replace(/[^A-Z0-9]+/g, "_");

/** A JavaScript literal as a person writes it: bare keys, short objects and arrays on one line. */
export function jsLiteral(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => jsLiteral(v, inner))
    : Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${jsLiteral(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return `${open}${close}`;
  const oneLine = Array.isArray(value) ? `[${entries.join(", ")}]` : `{ ${entries.join(", ")} }`;
  if (!oneLine.includes("\n") && indent.length + oneLine.length <= 80) return oneLine;
  return `${open}\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}${close}`;
}

const BODY_METHODS = ["post", "put", "patch"];
const METHODS = ["get", ...BODY_METHODS];

/** The operation's JSON request body (`application/json`, with or without parameters such as charset). */
function jsonMedia(spec: Spec, operation: any): any {
  const content = resolveRef(spec, operation.requestBody)?.content ?? {};
  const type = Object.keys(content).find((t) => /^application\/json\s*(;|$)/i.test(t));
  return type === undefined ? undefined : content[type];
}

/**
 * A JSON request example of the operation: its named examples, then `example`, then the schema's. One
 * that asks for a stream (`stream: true`) is passed over: the draft's call reads one JSON answer.
 */
function requestExample(spec: Spec, operation: any): Record<string, unknown> | undefined {
  const media = jsonMedia(spec, operation);
  const schema = resolveRef(spec, media?.schema);
  const candidates = [
    ...Object.values<any>(media?.examples ?? {}).map((e) => resolveRef(spec, e)?.value),
    media?.example,
    schema?.example,
    ...(Array.isArray(schema?.examples) ? schema.examples : []),
  ];
  return candidates.find((v) => v !== null && typeof v === "object" && !Array.isArray(v) && v.stream !== true);
}

const needsParameters = (spec: Spec, item: any, operation: any) =>
  [...(item.parameters ?? []), ...(operation.parameters ?? [])].some((p) => resolveRef(spec, p)?.required === true);

/**
 * The call a reader can run as is, and most likely the provider's main one: the first POST/PUT/PATCH
 * with a JSON request example, else the first GET; either needing no parameters.
 */
function firstCall(spec: Spec): { method: string; path: string; body?: Record<string, unknown> } | undefined {
  const operations = Object.entries<any>(spec.paths ?? {}).flatMap(([path, raw]) => {
    const item = resolveRef(spec, raw) ?? {};
    return METHODS.filter((method) => item[method] && !needsParameters(spec, item, item[method])).map((method) => ({ method, path, operation: item[method] }));
  });
  for (const { method, path, operation } of operations) {
    const body = BODY_METHODS.includes(method) ? requestExample(spec, operation) : undefined;
    if (body) return { method, path, body };
  }
  const get = operations.find((o) => o.method === "get");
  return get && { method: get.method, path: get.path };
}

/**
 * The README draft's usage example, made from the spec: createClient with the key and every server
 * variable read from the environment, then the spec's first runnable operation with its own request
 * example (the key left out of a body that carries it: the client fills it in).
 */
export function usageExample(id: string, spec: Spec): string {
  const setup = clientSetup(spec);
  const options = [
    ...(Object.keys(setup.authSchemes).length > 0 ? [`apiKey: process.env.${envName(id, "API_KEY")}`] : []),
    ...Object.entries(setup.server.variables ?? {}).map(([variable, { option }]) => `${option}: process.env.${envName(id, variable)}`),
  ];
  const lines = [`import { createClient } from "@errata/${id}";`, "", `const client = createClient(${options.length > 0 ? `{ ${options.join(", ")} }` : ""});`];
  const call = firstCall(spec);
  if (call) {
    const bodyKey = setup.authSchemes.body?.name;
    const body = call.body && Object.fromEntries(Object.entries(call.body).filter(([key]) => key !== bodyKey));
    const init = body ? `, ${jsLiteral({ body })}` : "";
    lines.push(
      `const { data, error } = await client.${call.method.toUpperCase()}(${JSON.stringify(call.path)}${init});`,
      "if (error) console.error(`${error.category} (retryable: ${error.retryable}): ${error.message}`);",
      "else console.log(data);",
    );
  }
  return lines.join("\n");
}
