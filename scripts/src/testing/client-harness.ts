import { startSseServer, type SseReply, type SseServer } from "./sse-server.js";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "./test-server.js";

/** The client options every generated createClient accepts, as far as the harness needs them. */
interface HarnessOptions {
  apiKey?: string | undefined;
  baseUrl?: string | URL | undefined;
  runtime?: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> };
  retry?: false | { onRetry?: (info: any) => void };
}

type RetryInfoOf<O extends HarnessOptions> = Parameters<NonNullable<Extract<O["retry"], object>["onRetry"]>>[0];

/**
 * Builds clients against real servers on 127.0.0.1 for end-to-end tests. Waits are recorded instead of
 * slept, so a test can assert the exact delays; `closeAll` (in afterEach) ends every server it started.
 */
export function clientHarness<O extends HarnessOptions, C>(
  createClient: (options: O) => C,
  defaults: O,
  /** Appended to the server's URL, for providers whose server URL has a path (GGUF Cloud). */
  basePath = "",
) {
  const open: { close(): Promise<void> }[] = [];

  function track<S extends { close(): Promise<void> }>(server: S): S {
    open.push(server);
    return server;
  }

  function connect<S extends { url: string; close(): Promise<void> }>(server: S, options: Partial<O>) {
    track(server);
    const waits: number[] = [];
    const retries: RetryInfoOf<O>[] = [];
    const retry =
      options.retry === false || (options.retry === undefined && defaults.retry === false)
        ? false
        : { ...(defaults.retry || {}), onRetry: (info: RetryInfoOf<O>) => retries.push(info), ...(options.retry || {}) };
    const client = createClient({
      ...defaults,
      baseUrl: server.url + basePath,
      runtime: { sleep: async (ms: number) => void waits.push(ms) },
      ...options,
      retry,
    } as O);
    return { client, server, waits, retries };
  }

  return {
    /** The key every client gets by default: what must never show in an error. */
    apiKey: defaults.apiKey,
    /** A scripted JSON/text server: `reply` gets the request number (0-based) and the request. */
    setup: async (reply: (index: number, request: RecordedRequest) => Reply, options: Partial<O> = {}) =>
      connect<TestServer>(await startTestServer(reply), options),
    /** A scripted server-sent-events server. */
    setupSse: async (replies: SseReply[] | ((index: number) => SseReply), options: Partial<O> = {}) =>
      connect<SseServer>(await startSseServer(replies), options),
    /**
     * A scripted server and a client with nothing recorded or skipped: the provider's own sleep and
     * retry hooks, for the tests that prove the default really waits. `gapsMs` is what it waited
     * between consecutive requests, as the server saw them arrive.
     */
    setupRealTime: async (reply: (index: number, request: RecordedRequest) => Reply, options: Partial<O> = {}) => {
      const server = track(await startTestServer(reply));
      const client = createClient({ ...defaults, baseUrl: server.url + basePath, ...options } as O);
      const gapsMs = () => server.requests.slice(1).map((request, i) => request.at - server.requests[i]!.at);
      return { client, server, gapsMs };
    },
    /**
     * A client (retries off) whose every request is refused: nothing listens on 127.0.0.1:9 (discard,
     * a privileged port no test server takes), so the error comes from the network stack itself.
     */
    unreachable: (options: Partial<O> = {}) => createClient({ ...defaults, baseUrl: "http://127.0.0.1:9", retry: false, ...options } as O),
    /** A scripted server without a client, for tests that build their own; closed by closeAll too. */
    serve: async (reply: (index: number, request: RecordedRequest) => Reply) => track(await startTestServer(reply)),
    serveSse: async (replies: SseReply[] | ((index: number) => SseReply)) => track(await startSseServer(replies)),
    /** A response fetched by hand (no client, no retries) from a scripted SSE server: what readStream reads. */
    fetchSse: async (replies: SseReply[], path: string, init: RequestInit = { method: "POST" }) =>
      fetch(track(await startSseServer(replies)).url + path, init),
    closeAll: async () => {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}
