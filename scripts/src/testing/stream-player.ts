import { consumeStream } from "./assertions.js";
import type { SseReply } from "./sse-server.js";

/** What a provider's `client.stream(...)` returns, as far as the player needs it. */
interface Opened {
  stream?: AsyncIterable<unknown> | undefined;
}

type EventOf<O extends Opened> = NonNullable<O["stream"]> extends AsyncIterable<infer T> ? T : never;

/**
 * One provider operation's stream against scripted SSE replies, read to its end: `play(replies, init)`
 * sets up the client (the harness's `setupSse`), opens the stream with `open(client, init)` and
 * consumes it. Returns the server, waits and retries, the call's result (`stream`, `error`,
 * `response`), and what the stream delivered (`seen`) and threw (`thrown`); `seen` is empty and
 * `thrown` undefined when no stream opened, so the test asserts on `error`.
 */
export function streamPlayer<Connected extends { client: unknown }, O extends Opened, Init = Record<string, never>>(
  setupSse: (replies: SseReply[], options?: any) => Promise<Connected>,
  open: (client: Connected["client"], init?: Init) => Promise<O>,
) {
  return async (replies: SseReply[], init?: Init, options?: Record<string, unknown>) => {
    const connected = await setupSse(replies, options);
    const opened = await open(connected.client, init);
    const { seen, thrown } = opened.stream
      ? await consumeStream(opened.stream as AsyncIterable<EventOf<O>>)
      : { seen: [] as EventOf<O>[], thrown: undefined };
    return { ...connected, ...opened, seen, thrown };
  };
}
