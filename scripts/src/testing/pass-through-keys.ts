/**
 * Every key a call's init object (and createClient's options) may carry that is not errata's own,
 * with a value a call on Node can take: openapi-fetch 0.17's request and client options, every
 * RequestInit field (the DOM's, undici's) and the fields that other fetch implementations and
 * frameworks read. None of them may be taken for a misspelt errata option (see checkKeys in
 * @errata/retry-policy). `undefined` where a real value would need a live object or change the call.
 *
 * node-fetch 2's `timeout` is left out on purpose: errata's is `timeoutMs`, a call's other keys never
 * reach a custom fetch, and `timeout` is the likeliest slip of all (the openai SDK and axios spell it so).
 */
export const PASS_THROUGH_KEYS: Readonly<Record<string, unknown>> = {
  // openapi-fetch, per call (RequestOptions) and per client (ClientOptions)
  params: {},
  body: undefined,
  parseAs: "json",
  querySerializer: () => "",
  bodySerializer: (body: unknown) => JSON.stringify(body),
  pathSerializer: undefined,
  middleware: [],
  baseUrl: undefined,
  fetch: undefined,
  headers: { "x-pass-through": "1" },
  Request: undefined,
  requestInitExt: undefined,
  // RequestInit (lib.dom, undici)
  cache: "no-store",
  credentials: "same-origin",
  integrity: "",
  keepalive: false,
  method: "POST",
  mode: "cors",
  priority: "auto",
  redirect: "follow",
  referrer: "",
  referrerPolicy: "no-referrer",
  signal: undefined,
  window: null,
  duplex: "half",
  dispatcher: undefined,
  // Browsers' newer RequestInit fields
  attributionReporting: undefined,
  browsingTopics: undefined,
  privateToken: undefined,
  adAuctionHeaders: undefined,
  sharedStorageWritable: undefined,
  targetAddressSpace: undefined,
  // Other runtimes and frameworks: Cloudflare Workers, Deno, Bun, Next.js, node-fetch 2
  cf: undefined,
  client: undefined,
  verbose: undefined,
  proxy: undefined,
  tls: undefined,
  unix: undefined,
  decompress: undefined,
  next: undefined,
  agent: undefined,
  compress: undefined,
  follow: undefined,
  size: undefined,
  highWaterMark: undefined,
  insecureHTTPParser: undefined,
};
