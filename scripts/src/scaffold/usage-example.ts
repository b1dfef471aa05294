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

/** A JSON request example of the operation: the first named example, else `example`. */
function requestExample(spec: Spec, operation: any): Record<string, unknown> | undefined {
  const media = resolveRef(spec, operation.requestBody)?.content?.["application/json"];
  const named = Object.values<any>(media?.examples ?? {}).map((e) => resolveRef(spec, e)?.value);
  const value = [...named, media?.example].find((v) => v !== null && typeof v === "object" && !Array.isArray(v));
  return value;
}

const needsParameters = (spec: Spec, item: any, operation: any) =>
  [...(item.parameters ?? []), ...(operation.parameters ?? [])].some((p) => resolveRef(spec, p)?.required === true);

/** The first call a reader can run as is: a POST/PUT/PATCH with a JSON example, or a GET needing no parameters. */
function firstCall(spec: Spec): { method: string; path: string; body?: Record<string, unknown> } | undefined {
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation || needsParameters(spec, item, operation)) continue;
      if (method === "get") return { method, path };
      const body = requestExample(spec, operation);
      if (body) return { method, path, body };
    }
  }
  return undefined;
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
