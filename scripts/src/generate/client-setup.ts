import type { Spec } from "../spec.js";
import { camelCase } from "./names.js";

export type AuthPlacement = { in: "header"; name: string; scheme?: string } | { in: "body"; name: string };

export interface ClientSetup {
  server: { url: string; variables?: Record<string, { option: string }> };
  authSchemes: Record<string, AuthPlacement>;
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
  for (const requirement of spec.security ?? []) {
    for (const name of Object.keys(requirement)) {
      if (!(name in setup.authSchemes)) setup.authSchemes[name] = placementOf(name, schemes[name]);
    }
  }
  return setup;
}
