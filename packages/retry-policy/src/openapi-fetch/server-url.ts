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
): string {
  const { baseUrl } = options;
  if (baseUrl !== undefined) {
    const given = baseUrl instanceof URL ? baseUrl.href : baseUrl;
    // Checked whole here, so that "http://" or a space in the host fails at createClient, not on every call.
    if (typeof given !== "string" || !isHttpUrl(given)) throw new TypeError(`${provider}: baseUrl must be an http(s) URL, got ${shown(baseUrl)}`);
    return given;
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

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host !== "";
  } catch {
    return false;
  }
}
