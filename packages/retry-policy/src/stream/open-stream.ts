/** The streaming fetch (see createStreamingFetch), loaded on first use; values come from the kit (kit.ts). */
import type { ProviderError } from "../provider-error.js";
import type { FetcherOptions } from "../retrying-fetch.js";
import type { StreamingKit } from "./kit.js";
import { EventStream, lostAnswers } from "./reader.js";
import type { StreamingFetch, StreamingFetchOptions, StreamOutcome } from "./streaming-fetch.js";

export function createStreamOpener(options: StreamingFetchOptions & Pick<FetcherOptions, "noKeyHint">, kit: StreamingKit): StreamingFetch {
  const defaultIdleMs = kit.validIdleTimeout(options.idleTimeoutMs ?? options.timeoutMs);
  // A 2xx body is the stream itself: it is never read ahead for in-band errors.
  const catalog = { ...options.catalog, errorFormat: { ...options.catalog.errorFormat, inBand: undefined } };
  const { runtime } = options;
  const send = kit.createFetcher({ ...options, catalog });
  return (input, init, { format, idleTimeoutMs = defaultIdleMs, secrets: own, limits, fetch }) => {
    kit.validIdleTimeout(idleTimeoutMs);
    const secrets = own ? [...(options.secrets ?? []), ...own] : options.secrets;
    return send(input, init, {
      secrets: own,
      limits,
      fetch,
      defaultHeaders: { accept: "text/event-stream" },
      onSuccess: async (response, attempts, signal, deadlineAt): Promise<StreamOutcome<unknown>> => {
        // A JSON answer to a stream request (an error body, or a server that ignored `stream: true`):
        // classified with the catalog, its body kept, and not retried unless the catalog says so.
        if (/json/i.test(response.headers.get("content-type") ?? "")) {
          const body = await response.text().catch(() => "");
          const found = kit.parseErrorWith(options.catalog, { status: response.status, headers: response.headers, body }, { inStream: true, secrets, now: runtime?.now })!;
          const known = found.category !== "stream_interrupted" || found.retryable;
          const error = known ? found : found.with({ category: "unknown", message: `${catalog.provider}: expected text/event-stream, got ${response.headers.get("content-type")}` });
          return { response, error: error.with({ attempts }) };
        }
        const stream = new EventStream(response, { catalog, format, secrets, signal, now: runtime?.now, attempts }, idleTimeoutMs, kit);
        // The deadline bounds opening the stream, its first event included; the idle timeout covers the rest.
        const leftMs = deadlineAt === undefined ? Infinity : Math.max(0, deadlineAt - (runtime?.now ?? Date.now)());
        const head = kit.headOf(catalog.errorFormat, response);
        // Our own timeouts and a broken connection before the first event: the provider has acted on the request.
        const lost = (error: ProviderError) => ({ error, answerLost: true });
        const failed = await new Promise<{ error: ProviderError; answerLost: boolean } | undefined>((resolve) => {
          const stop = kit.startTimer(leftMs, () => {
            stream.cancel();
            resolve(lost(kit.transportError(catalog.provider, "timeout", new DOMException("the deadline passed before the first event", "TimeoutError"), secrets, head)));
          });
          void stream.ready().then(
            (failure) => {
              stop();
              resolve(failure && { error: failure, answerLost: lostAnswers.has(failure) });
            },
            (cause) => {
              // ready() settles with an error, not by rejecting; this is a last guard against hanging.
              stop();
              stream.cancel();
              resolve(lost(kit.transportError(catalog.provider, "network", cause, secrets, head)));
            },
          );
        });
        return failed ? { response, ...failed } : { response, stream: stream as never };
      },
    }) as Promise<StreamOutcome<never, never>>;
  };
}
