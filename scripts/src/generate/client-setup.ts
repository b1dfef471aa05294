import { resolveRef, type Spec } from "../spec.js";
import { camelCase } from "./names.js";

export type AuthPlacement = { in: "header"; name: string; scheme?: string } | { in: "body"; name: string };

/** What one operation needs beyond the client-wide setup, keyed by "METHOD /path/template". */
export interface OperationSetup {
  /** Its 2xx bodies are only plain text (Prometheus metrics): read as text unless the caller says otherwise. */
  parseAs?: "text";
  /** `security: []` on the operation: the key is not sent. */
  anonymous?: true;
  /** The 2xx statuses ("202", or "2XX") documented without a body: an empty one is a success there, not a broken body. */
  emptyStatuses?: string[];
  /** `x-errata-idempotent`: whether sending it twice does no harm (a lost answer is then fetched again). */
  idempotent?: boolean;
}

export interface ClientSetup {
  server: { url: string; variables?: Record<string, { option: string }> };
  authSchemes: Record<string, AuthPlacement>;
  operations?: Record<string, OperationSetup>;
}

function placementOf(name: string, scheme: any): AuthPlacement {
  if (scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") {
    return { in: "header", name: "Authorization", scheme: "Bearer" };
  }
  if (scheme?.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
    return { in: "header", name: scheme.name };
  }
  throw new Error(`security scheme "${name}" is not supported by the generator (http bearer or apiKey in header)`);
}

/** Server template and key placement, from `servers`, `security` and `x-errata-auth`. */
export function clientSetup(spec: Spec): ClientSetup {
  const server = spec.servers?.[0];
  if (!server || typeof server.url !== "string") throw new Error("the spec needs a server URL (servers[0].url)");
  const names = Object.keys(server.variables ?? {});
  const setup: ClientSetup = { server: { url: server.url }, authSchemes: {} };
  if (names.length > 0) setup.server.variables = Object.fromEntries(names.map((n) => [n, { option: camelCase(n) }]));

  const bodyAuth = spec["x-errata-auth"];
  if (bodyAuth !== undefined) {
    if (bodyAuth?.in !== "body" || typeof bodyAuth.name !== "string") throw new Error("x-errata-auth must be {in: body, name}");
    setup.authSchemes.body = { in: "body", name: bodyAuth.name };
  }
  const schemes = spec.components?.securitySchemes ?? {};
  // The document's requirements first (the default scheme), then any an operation declares itself.
  const operationRequirements = Object.values(spec.paths ?? {}).flatMap((item: any) =>
    METHODS.flatMap((method) => (Array.isArray(item?.[method]?.security) ? item[method].security : [])),
  );
  for (const requirement of [...(spec.security ?? []), ...operationRequirements]) {
    for (const name of Object.keys(requirement)) {
      if (!(name in setup.authSchemes)) setup.authSchemes[name] = placementOf(name, schemes[name]);
    }
  }
  const operations = operationSetups(spec);
  if (Object.keys(operations).length > 0) setup.operations = operations;
  return setup;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];

/** Text-only or bodiless successes and operations without security: what openapi-fetch cannot infer. */
function operationSetups(spec: Spec): Record<string, OperationSetup> {
  const result: Record<string, OperationSetup> = {};
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const found: OperationSetup = {};
      const successes = Object.entries<any>(operation.responses ?? {})
        .filter(([status]) => /^2\d\d$|^2XX$/i.test(status))
        .map(([status, response]) => ({ status: status.toUpperCase(), types: Object.keys(resolveRef(spec, response)?.content ?? {}) }));
      const mediaTypes = successes.flatMap((s) => s.types);
      const empty = successes.filter((s) => s.types.length === 0).map((s) => s.status);
      if (empty.length > 0) found.emptyStatuses = empty;
      const isText = (m: string) => /^text\//i.test(m) && !/^text\/event-stream/i.test(m);
      if (mediaTypes.length > 0 && mediaTypes.every(isText)) found.parseAs = "text";
      if (Array.isArray(operation.security) && operation.security.length === 0) found.anonymous = true;
      const idempotent = operation["x-errata-idempotent"];
      if (idempotent !== undefined && typeof idempotent !== "boolean") throw new Error(`x-errata-idempotent on ${method.toUpperCase()} ${path} must be true or false, got ${JSON.stringify(idempotent)}`);
      if (idempotent !== undefined) found.idempotent = idempotent;
      if (Object.keys(found).length > 0) result[`${method.toUpperCase()} ${path}`] = found;
    }
  }
  return result;
}
