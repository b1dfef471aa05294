import { redact } from "../redact.js";
import { shown } from "../validate.js";

/** A spec's server: its URL template and, for each `{variable}`, the client option that fills it. */
export interface ServerTemplate {
  readonly url: string;
  readonly variables?: Readonly<Record<string, { readonly option: string }>>;
}

/**
 * The base URL: the caller's `baseUrl` wins; otherwise the template with every variable filled from
 * its option. A missing variable is a programmer error and throws.
 */
export function resolveBaseUrl(
  provider: string,
  server: ServerTemplate,
  options: { baseUrl?: string | URL | undefined } & Record<string, unknown>,
  secrets: readonly string[] = [],
): string {
  const { baseUrl } = options;
  if (baseUrl !== undefined) {
    // Checked whole here, so that "http://" or a space in the host fails at createClient, not on every call.
    const url = httpUrl(baseUrl);
    if (!url) {
      const hint = typeof baseUrl === "string" && /^[/.]/.test(baseUrl) ? ` (a relative one like "/api" needs an http(s) web page or worker to resolve against)` : "";
      throw new TypeError(redact(`${provider}: baseUrl must be an http(s) URL, got ${described(baseUrl)}${hint}`, secrets));
    }
    // fetch refuses a user or password in the URL (and would print them); a query or fragment (even an
    // empty `?`) would end up in front of every path. Not echoed: either may hold a secret.
    if (url.username || url.password || /[?#]/.test(url.href)) {
      throw new TypeError(`${provider}: baseUrl must have no user, password, query or fragment (the key goes in apiKey)`);
    }
    return url.href;
  }
  let url = server.url;
  for (const [name, { option }] of Object.entries(server.variables ?? {})) {
    const value = options[option];
    if (typeof value !== "string" || value === "") {
      throw new TypeError(`${provider}: createClient needs the "${option}" option (or a baseUrl)`);
    }
    url = url.split(`{${name}}`).join(encodeURIComponent(value));
  }
  return url;
}

/**
 * A call's init with its own baseUrl (openapi-fetch's per-call option) resolved and checked as the
 * client's is: relative against the page, no credentials, query or fragment.
 */
export function withCallBaseUrl<I extends Record<string, unknown>>(provider: string, server: ServerTemplate, init: I, secrets: readonly string[]): I {
  return init.baseUrl === undefined ? init : { ...init, baseUrl: resolveBaseUrl(provider, server, { baseUrl: init.baseUrl as string }, secrets) };
}

/**
 * A wrong baseUrl as far as it is safe to show: a URL without its user, password, query and fragment;
 * a string that is no URL at all only as such (it may be a key put in the wrong variable).
 */
function described(given: unknown): string {
  const text = given instanceof URL ? given.href : given;
  if (typeof text !== "string") return shown(given);
  try {
    const url = new URL(text);
    return JSON.stringify(`${url.protocol}//${url.host}${url.pathname}`);
  } catch {
    return "a string that is not a URL";
  }
}

/**
 * Where a relative URL resolves in a web page or worker, as fetch would resolve it then (the
 * document's base URL, else the location); undefined elsewhere (Node), where fetch refuses one.
 */
function pageUrl(): string | undefined {
  try {
    const { document, location } = globalThis as { document?: { baseURI?: unknown }; location?: { href?: unknown } };
    const base = document?.baseURI ?? location?.href;
    return typeof base === "string" ? base : undefined;
  } catch {
    // Deno without --location throws on reading `location`.
    return undefined;
  }
}

/** The URL, absolute: a relative one (a same-origin backend) against the page's. */
function httpUrl(given: unknown): URL | undefined {
  const text = given instanceof URL ? given.href : given;
  if (typeof text !== "string") return undefined;
  try {
    // Only a path ("/api", "./v1", "//host") is taken as relative: "api.acme.test" lacks its scheme.
    const url = new URL(text, /^[/.]/.test(text) ? pageUrl() : undefined);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host !== "" ? url : undefined;
  } catch {
    return undefined;
  }
}
