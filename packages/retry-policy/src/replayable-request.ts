/** A request that can be sent again, identically, on every attempt. */
export interface ReplayableRequest {
  url: string;
  method: string;
  headers: Headers;
  /** Buffered once, so every attempt sends the same bytes. Streams are not buffered. */
  body: BodyInit | null;
  /** False when the body is a stream: it can be read once, so it is never retried. */
  replayable: boolean;
  signal: AbortSignal | undefined;
  init: RequestInit;
}

const FIELDS = ["cache", "credentials", "integrity", "keepalive", "mode", "redirect", "referrer", "referrerPolicy"] as const;
/** A Request's own settings, as fetch init; those a runtime's Request lacks are left out. */
const pick = (request: Request): RequestInit => Object.fromEntries(FIELDS.filter((name) => request[name] !== undefined).map((name) => [name, request[name]]));

/**
 * Normalises fetch's arguments; a Request body is read once. Bytes are held as a Blob: Node's fetch
 * detaches an ArrayBuffer body when it sends it, so a 307/308 redirect (or a second attempt) could not
 * resend it.
 */
export async function toReplayableRequest(input: RequestInfo | URL, init: RequestInit = {}): Promise<ReplayableRequest> {
  const request = typeof input === "string" || input instanceof URL ? undefined : (input as Request);
  const headers = new Headers(request?.headers);
  new Headers(init.headers).forEach((value, key) => headers.set(key, value));
  let body = init.body !== undefined ? init.body : request?.body ? await request.blob() : null;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) body = new Blob([body as BlobPart]);
  return {
    url: request ? request.url : String(input),
    method: (init.method ?? request?.method ?? "GET").toUpperCase(),
    headers,
    body,
    // A stream can be read once: it is sent, never retried.
    replayable: !(body !== null && typeof body === "object" && (typeof (body as ReadableStream).getReader === "function" || Symbol.asyncIterator in body)),
    signal: init.signal ?? request?.signal ?? undefined,
    // What openapi-fetch put on its Request (a call's `cache`, `keepalive`, ...) goes on to fetch; the rest is above.
    init: request ? { ...pick(request), ...init } : init,
  };
}
