/** The streaming fetch (see createStreamingFetch), loaded on first use; values come from the kit (kit.ts). */
import type { ProviderError } from "../provider-error.js";
import type { StreamingKit } from "./kit.js";
import { EventStream } from "./reader.js";
import type { StreamingFetch, StreamingFetchOptions, StreamOutcome } from "./streaming-fetch.js";

export function createStreamOpener(options: StreamingFetchOptions, kit: StreamingKit): StreamingFetch {
  const defaultIdleMs = kit.validIdleTimeout(options.idleTimeoutMs ?? options.timeoutMs);
  // A 2xx body is the stream itself: it is never read ahead for in-band errors.
  const catalog = { ...options.catalog, errorFormat: { ...options.catalog.errorFormat, inBand: undefined } };
  const { secrets, runtime } = options;
  const send = kit.createFetcher({ ...options, catalog });
  return (input, init, { format, idleTimeoutMs = defaultIdleMs }) => {
    kit.validIdleTimeout(idleTimeoutMs);
    return send(input, init, {
      defaultHeaders: { accept: "text/event-stream" },
      onSuccess: async (response, attempts, signal, deadlineAt): Promise<StreamOutcome<unknown>> => {
        const stream = new EventStream(response, { catalog, format, secrets, signal, now: runtime?.now, attempts }, idleTimeoutMs, kit);
        // The deadline bounds opening the stream, its first event included; the idle timeout covers the rest.
        const leftMs = deadlineAt === undefined ? Infinity : Math.max(0, deadlineAt - (runtime?.now ?? Date.now)());
        const error = await new Promise<ProviderError | undefined>((resolve) => {
          const stop = kit.startTimer(leftMs, () => {
            stream.cancel();
            resolve(kit.transportError(catalog.provider, "timeout", new DOMException("the deadline passed before the first event", "TimeoutError"), secrets));
          });
          void stream.ready().then((failure) => {
            stop();
            resolve(failure);
          });
        });
        return error ? { response, error } : { response, stream: stream as never };
      },
    }) as Promise<StreamOutcome<never, never>>;
  };
}
