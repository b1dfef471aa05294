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

function isStreamBody(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    (typeof (body as ReadableStream).getReader === "function" || Symbol.asyncIterator in body)
  );
}

/** Normalises fetch's arguments; a Request body is read once into bytes. */
export async function toReplayableRequest(input: RequestInfo | URL, init: RequestInit = {}): Promise<ReplayableRequest> {
  if (typeof input === "string" || input instanceof URL) {
    const body = (init.body ?? null) as BodyInit | null;
    return {
      url: String(input),
      method: (init.method ?? "GET").toUpperCase(),
      headers: new Headers(init.headers),
      body,
      replayable: !isStreamBody(body),
      signal: init.signal ?? undefined,
      init,
    };
  }
  const request = input as Request;
  const headers = new Headers(request.headers);
  if (init.headers) new Headers(init.headers).forEach((value, key) => headers.set(key, value));
  const body = init.body !== undefined ? init.body : request.body ? await request.arrayBuffer() : null;
  return {
    url: request.url,
    method: (init.method ?? request.method).toUpperCase(),
    headers,
    body,
    replayable: !isStreamBody(body),
    signal: init.signal ?? request.signal ?? undefined,
    init: { redirect: request.redirect, credentials: request.credentials, ...init },
  };
}
