import { consumeStream } from "./assertions.js";
import type { SseReply } from "./sse-server.js";

/** What a stream-opening call returns, as far as the endings need it. */
interface Opened<T> {
  stream?: AsyncIterable<T>;
  error?: unknown;
}

/** The options each ending passes to the provider's stream call. */
export interface EndingInit {
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Retry-policy's verdict on each ending after the first event: the same for every provider, since
 * the HTTP status (200) is already in and nothing the provider documents is involved.
 */
export const streamEndingVerdicts = {
  closed: { thrown: { status: 200, category: "stream_interrupted", retryable: true } },
  idle: { thrown: { status: 200, category: "timeout", retryable: true } },
  aborted: { thrown: { status: 200, category: "aborted", retryable: false } },
} as const;

/**
 * Plays the three ways a started stream ends without its terminator, one stream each on one client:
 * the connection cut after `firstEvent` (`closed`), silence after it with a 100 ms idle timeout
 * (`idle`), and the caller's abort 50 ms after it opened while the server pauses (`aborted`).
 * Returns what each stream delivered and threw; a stream that did not open "throws" its error.
 */
export async function streamEndings<C, T>(
  setupSse: (replies: SseReply[]) => Promise<{ client: C }>,
  open: (client: C, init: EndingInit) => Promise<Opened<T>>,
  firstEvent: string,
) {
  const { client } = await setupSse([
    { steps: [firstEvent, { destroy: true }] },
    { steps: [firstEvent, { hang: true }] },
    // Long enough that only the abort can end it within the test's time.
    { steps: [firstEvent, { wait: 2000 }] },
  ]);
  const read = async (opened: Opened<T>) =>
    opened.stream ? consumeStream(opened.stream) : { seen: [] as T[], thrown: opened.error as Error & Record<string, any> };
  const closed = await read(await open(client, {}));
  const idle = await read(await open(client, { idleTimeoutMs: 100 }));
  const controller = new AbortController();
  const opened = await open(client, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const aborted = await read(opened);
  return { closed, idle, aborted };
}
