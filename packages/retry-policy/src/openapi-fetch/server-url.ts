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
  options: { baseUrl?: string | undefined } & Record<string, unknown>,
): string {
  if (options.baseUrl !== undefined) {
    if (typeof options.baseUrl !== "string" || !/^https?:\/\//.test(options.baseUrl)) {
      throw new TypeError(`${provider}: baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    }
    return options.baseUrl;
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
