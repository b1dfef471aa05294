import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type Reply, type TestServer } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, pollDelayMs, pollUntilDone, POLL_DEFAULTS, type ClientOptions, type PollOptions } from "../src/index.js";

const API_KEY = "ml-test-DO-NOT-LEAK-poll-55aa";
const JOB = "abc123-def456";
const processing = (eta?: number): Reply => ({
  status: 200,
  body: { status: "processing", id: JOB, ...(eta === undefined ? {} : { eta }), message: "Your request is being processed", output: [] },
});
const success = { status: "success", id: JOB, output: ["https://pub-example.r2.dev/generations/abc123-def456-0.png"] };
const done: Reply = { status: 200, body: success };

/** Client retries without real waits (the poll's own waits use the fake clock below). */
const noWait = { runtime: { sleep: async () => {}, random: () => 0 } } as const;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A client against a scripted server, and a fake clock: `sleep` records the wait and moves the clock,
 * so deadlines are tested without real time passing.
 */
async function setup(replies: (i: number) => Reply, clientOptions: ClientOptions = { retry: false }) {
  server = await startTestServer(replies);
  const client = createClient({ apiKey: API_KEY, baseUrl: server.url, ...clientOptions });
  const clock = { t: 1_000_000 };
  const sleeps: number[] = [];
  const fake: Pick<PollOptions, "sleep" | "now"> = {
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
  };
  return { client, server, sleeps, clock, fake };
}

describe("pollDelayMs: eta seconds, clamped", () => {
  it.each([
    ["eta in seconds", { given: 12, want: 12_000 }],
    ["fractional eta, rounded up", { given: 1.5004, want: 1501 }],
    ["zero eta: the minimum", { given: 0, want: 1000 }],
    ["negative eta: the minimum", { given: -5, want: 1000 }],
    ["missing eta: the minimum", { given: undefined, want: 1000 }],
    ["eta as a string: the minimum", { given: "30", want: 1000 }],
    ["NaN: the minimum", { given: Number.NaN, want: 1000 }],
    ["a huge eta: the maximum", { given: 3600, want: 30_000 }],
    ["Infinity: the minimum (unusable)", { given: Number.POSITIVE_INFINITY, want: 1000 }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(pollDelayMs(given, POLL_DEFAULTS.minIntervalMs, POLL_DEFAULTS.maxIntervalMs)).toBe(want);
  });
});

describe("pollUntilDone", () => {
  it("polls fetch/{id} with the key in the body while processing, waiting eta each time, until success", async () => {
    const { client, server, sleeps, fake } = await setup((i) => (i === 0 ? processing(10) : i === 1 ? processing(4) : done));
    const seen: unknown[] = [];
    const result = await pollUntilDone(client, JOB, { ...fake, onProcessing: (body) => seen.push(body.eta) });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(success);
    expect(result.polls).toBe(3);
    expect(sleeps).toEqual([10_000, 4000]);
    expect(seen).toEqual([10, 4]);
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ["POST", `/images/fetch/${JOB}`, { key: API_KEY }],
      ["POST", `/images/fetch/${JOB}`, { key: API_KEY }],
      ["POST", `/images/fetch/${JOB}`, { key: API_KEY }],
    ]);
  });

  it("fetches the job again when a poll's 200 is cut off: a poll only reads the job", async () => {
    const cut: Reply = { status: 200, partial: '{"status":"succ', then: "reset" };
    const { client, server, fake } = await setup((i) => (i === 0 ? cut : done), { retry: { maxRetries: 1 }, ...noWait });
    const result = await pollUntilDone(client, JOB, fake);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(success);
    expect(server.requests).toHaveLength(2);
  });

  it("starts from text2img's processing body: waits its eta before the first fetch", async () => {
    const { client, server, sleeps, fake } = await setup(() => done);
    const result = await pollUntilDone(client, { id: 81234567, eta: 7 }, fake);
    expect(result.data).toEqual(success);
    expect(sleeps).toEqual([7000]);
    expect(server.requests[0]!.url).toBe("/images/fetch/81234567");
  });

  it("clamps eta to minIntervalMs and maxIntervalMs", async () => {
    const { client, sleeps, fake } = await setup((i) => [processing(0), processing(), processing(600), done][i]!);
    const result = await pollUntilDone(client, JOB, { ...fake, minIntervalMs: 2000, maxIntervalMs: 20_000 });
    expect(result.data).toEqual(success);
    expect(sleeps).toEqual([2000, 2000, 20_000]);
  });

  it("returns an in-band failed as the error, with status 200, without fetching the failed job again", async () => {
    const failed: Reply = { status: 200, body: { status: "failed", id: JOB, messege: "Processing failed: out of memory" } };
    const { client, server, fake } = await setup((i) => (i === 0 ? processing(5) : failed), {
      retry: { maxRetries: 1 },
      runtime: { sleep: async () => {} },
    });
    const result = await pollUntilDone(client, JOB, fake);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(ProviderError);
    expect(result.error).toMatchObject({ status: 200, category: "server_error", retryable: true, resubmit: true, attempts: 1, message: "Processing failed: out of memory" });
    expect(result.polls).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("returns an in-band error at once", async () => {
    const { client, fake } = await setup(() => ({ status: 200, body: { status: "error", message: "Model not found: x" } }));
    const result = await pollUntilDone(client, JOB, fake);
    expect(result).toMatchObject({ polls: 1, error: { status: 200, category: "unknown", retryable: false, message: "Model not found: x" } });
  });

  it("returns an HTTP error (404 unknown job) at once", async () => {
    const { client, server, fake } = await setup(() => ({ status: 404, body: { status: "error", message: "Request not found" } }));
    const result = await pollUntilDone(client, "nope", fake);
    expect(result.error).toMatchObject({ status: 404, category: "not_found", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("gives up with a timeout at the deadline, after a last poll at the deadline itself", async () => {
    const { client, server, sleeps, clock, fake } = await setup(() => processing(10));
    const started = clock.t;
    const result = await pollUntilDone(client, JOB, { ...fake, deadlineMs: 25_000 });
    expect(sleeps).toEqual([10_000, 10_000, 5000]);
    expect(clock.t - started).toBe(25_000);
    expect(server.requests).toHaveLength(4);
    expect(result.polls).toBe(4);
    expect(result.error).toBeInstanceOf(ProviderError);
    expect(result.error).toMatchObject({ provider: "modelslab", status: 200, category: "timeout", retryable: true, notRetried: "deadline", body: { status: "processing", id: JOB } });
    expect(result.error!.message).toContain("deadline");
  });

  it("never sleeps past the deadline: an eta beyond it is cut short for one poll at the deadline", async () => {
    const { client, server, sleeps, fake } = await setup(() => processing(30));
    const result = await pollUntilDone(client, { id: JOB, eta: 30 }, { ...fake, deadlineMs: 5000 });
    expect(sleeps).toEqual([5000]);
    expect(server.requests).toHaveLength(1);
    expect(result).toMatchObject({ polls: 1, error: { status: 200, category: "timeout" } });
  });

  it("cuts a fetch still out at the deadline, retries included, and gives up with a timeout", async () => {
    // The server never answers; without the cut, the client's 60 s attempt timeout and retries would decide.
    const { client, server } = await setup(() => ({ hang: true }), {});
    const started = performance.now();
    const result = await pollUntilDone(client, { id: JOB, eta: 0 }, { deadlineMs: 300, minIntervalMs: 100 });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
    expect(result).toMatchObject({ polls: 1, error: { status: 0, category: "timeout", retryable: true, notRetried: "deadline", body: { id: JOB } } });
    expect(result.error!.message).toContain("300 ms deadline");
  });

  it("says what kept failing, not that the job is still processing, when the deadline cuts retries of a failure", async () => {
    // A 503 on every attempt: the client is waiting to retry when the deadline passes.
    const { client } = await setup(() => ({ status: 503, body: { status: "error", message: "maintenance" } }), { retry: { maxRetries: 5, initialDelayMs: 1000, maxDelayMs: 1000, jitter: "none" } });
    const result = await pollUntilDone(client, JOB, { deadlineMs: 300 });
    expect(result).toMatchObject({ polls: 1, error: { status: 0, category: "timeout", message: `modelslab: job ${JOB} kept failing (maintenance) at its 300 ms deadline; fetch it again later` } });
    // The failure itself is kept, as the server sent it.
    expect(result.error!.cause).toMatchObject({ status: 503, category: "unavailable", message: "maintenance" });
  });

  it("says that the job has not answered when the deadline cuts a fetch still out", async () => {
    const { client } = await setup(() => ({ hang: true }), {});
    const result = await pollUntilDone(client, JOB, { deadlineMs: 300 });
    expect(result.error!.message).toBe(`modelslab: job ${JOB} has not answered at its 300 ms deadline; fetch it again later`);
    expect(result.error!.cause).toMatchObject({ category: "aborted" });
  });

  it("leaves no timer behind when the client throws (a wrong client passed in)", async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await expect(pollUntilDone({} as never, JOB)).rejects.toThrow(TypeError);
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(before);
  });

  it("gives the poll sent at the deadline itself minIntervalMs to answer", async () => {
    const { client, server, fake } = await setup(() => ({ hang: true }), {});
    // The fake clock is at the deadline when the one poll goes out: only the grace keeps it out.
    const started = performance.now();
    const result = await pollUntilDone(client, { id: JOB, eta: 5 }, { ...fake, deadlineMs: 5000, minIntervalMs: 200 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.requests).toHaveLength(1);
    expect(result).toMatchObject({ polls: 1, error: { status: 0, category: "timeout", body: { id: JOB } } });
  });

  it("gives up with a timeout after maxPolls fetches", async () => {
    const { client, server, sleeps, fake } = await setup(() => processing(2));
    const result = await pollUntilDone(client, JOB, { ...fake, maxPolls: 3 });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([2000, 2000]);
    expect(result).toMatchObject({ polls: 3, error: { status: 200, category: "timeout", retryable: true, notRetried: "attempts_exhausted" } });
    expect(result.error!.message).toContain("after 3 polls");
  });

  it("is bounded by default: at most POLL_DEFAULTS.maxPolls fetches", async () => {
    const { client, server, fake } = await setup(() => processing(1));
    const result = await pollUntilDone(client, JOB, fake);
    expect(result.error?.category).toBe("timeout");
    expect(server.requests).toHaveLength(POLL_DEFAULTS.maxPolls);
  });

  it("stops with aborted when the signal fires during a real wait", async () => {
    const { client, server } = await setup(() => processing(30));
    const controller = new AbortController();
    const started = performance.now();
    // Aborted once the first poll has answered, so that the abort lands in the 30 s wait whatever the machine's load.
    const result = await pollUntilDone(client, JOB, { signal: controller.signal, onProcessing: () => void setTimeout(() => controller.abort(), 20) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ polls: 1, error: { status: 0, category: "aborted", retryable: false } });
    expect(server.requests).toHaveLength(1);
  });

  it("stops with aborted when the signal fires during a fetch", async () => {
    const controller = new AbortController();
    // Aborted once the server holds the request, not after a fixed time that a loaded machine may not meet.
    const { client, server } = await setup(() => (setTimeout(() => controller.abort(), 20), { hang: true }));
    const result = await pollUntilDone(client, JOB, { signal: controller.signal });
    expect(result.error).toMatchObject({ category: "aborted", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("does not fetch at all with an already aborted signal", async () => {
    const { client, server, fake } = await setup(() => done);
    const result = await pollUntilDone(client, JOB, { ...fake, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ polls: 0, error: { category: "aborted" } });
    expect(server.requests).toHaveLength(0);
  });

  it("returns an undocumented 2xx status as an unknown error instead of polling on", async () => {
    const { client, fake } = await setup(() => ({ status: 200, body: { status: "queued", id: JOB } }));
    const result = await pollUntilDone(client, JOB, fake);
    expect(result).toMatchObject({ polls: 1, error: { status: 200, category: "unknown", retryable: false, body: { status: "queued" } } });
  });

  it.each([
    ["zero maxPolls", { maxPolls: 0 }],
    ["fractional maxPolls", { maxPolls: 1.5 }],
    ["negative deadline", { deadlineMs: -1 }],
    ["NaN minIntervalMs", { minIntervalMs: Number.NaN }],
    ["maxIntervalMs below minIntervalMs", { minIntervalMs: 5000, maxIntervalMs: 1000 }],
  ] as const)("throws for invalid options: %s", async (_name, options) => {
    const client = createClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9" });
    await expect(pollUntilDone(client, JOB, options as PollOptions)).rejects.toThrow(RangeError);
  });

  it("rejects when onProcessing throws: the caller's bug, not the job's failure", async () => {
    const { client, fake } = await setup(() => processing(1));
    const onProcessing = () => {
      throw new Error("progress bar gone");
    };
    await expect(pollUntilDone(client, JOB, { ...fake, onProcessing })).rejects.toThrow("progress bar gone");
  });

  it("throws for a job without an id", async () => {
    const client = createClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9" });
    await expect(pollUntilDone(client, "")).rejects.toThrow(TypeError);
  });

  it.each([
    ["a null job", { given: [null, {}], want: "pollUntilDone: job must be a job id or a processing body" }],
    ["null options", { given: [JOB, null], want: "pollUntilDone: options must be an object" }],
    ["a deadline read from an environment variable", { given: [JOB, { deadlineMs: "100" }], want: 'pollUntilDone: deadlineMs must be a positive number, got "100"' }],
    ["fractional maxPolls", { given: [JOB, { maxPolls: 1.5 }], want: "pollUntilDone: maxPolls must be a positive integer, got 1.5" }],
    // Silently ignored, it would leave the 600 s default deadline in force.
    ["a misspelt deadline", { given: [JOB, { deadlineMS: 100 }], want: 'unknown pollUntilDone option "deadlineMS" (did you mean "deadlineMs"?)' }],
    ["a key of createClient's", { given: [JOB, { timeoutMs: 100 }], want: 'unknown pollUntilDone option "timeoutMs"; known: signal, deadlineMs, maxPolls' }],
  ] as const)("names the mistake in %s", async (_name, { given, want }) => {
    const client = createClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9" });
    await expect(pollUntilDone(client, given[0] as never, given[1] as never)).rejects.toThrow(want);
  });
});
