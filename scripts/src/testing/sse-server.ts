import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./listen.js";

/** One scripted step of a reply body. */
export type SseStep =
  | string
  | Uint8Array
  | { wait: number }
  /** Every byte of the text as its own write, `gapMs` apart: every byte boundary becomes a chunk boundary. */
  | { bytewise: string; gapMs?: number }
  /** Cut the TCP connection without ending the chunked body. */
  | { destroy: true }
  /** Keep the connection open and send nothing more. */
  | { hang: true };

export interface SseReply {
  status?: number;
  headers?: Record<string, string>;
  steps: SseStep[];
}

export interface RecordedSseRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Resolves when the client closed (or the server ended) the connection. */
  closed: Promise<void>;
}

export interface SseServer {
  url: string;
  requests: RecordedSseRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function play(res: ServerResponse, reply: SseReply, isClosed: () => boolean): Promise<void> {
  res.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...reply.headers });
  res.flushHeaders();
  for (const step of reply.steps) {
    if (isClosed()) return;
    if (typeof step === "string" || step instanceof Uint8Array) res.write(step);
    else if ("wait" in step) await sleep(step.wait);
    else if ("bytewise" in step) {
      for (const byte of new TextEncoder().encode(step.bytewise)) {
        if (isClosed()) return;
        res.write(Uint8Array.of(byte));
        await sleep(step.gapMs ?? 1);
      }
    } else if ("destroy" in step) {
      await sleep(5);
      res.socket?.destroy();
      return;
    } else if ("hang" in step) return;
  }
  res.end();
}

/**
 * A real HTTP server on 127.0.0.1 that streams server-sent events: one scripted reply per request
 * (the last one repeats), written step by step so that tests control chunk boundaries, pauses,
 * abrupt closes and silence.
 */
export async function startSseServer(replies: SseReply[] | ((index: number) => SseReply)): Promise<SseServer> {
  const requests: RecordedSseRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let closed = false;
    const record: Partial<RecordedSseRequest> = { method: req.method ?? "", url: req.url ?? "", headers: req.headers };
    record.closed = new Promise<void>((resolve) => res.on("close", () => ((closed = true), resolve())));
    const index = requests.length;
    requests.push(record as RecordedSseRequest);
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      record.body = Buffer.concat(chunks).toString("utf8");
      const reply: SseReply = typeof replies === "function" ? replies(index) : replies[Math.min(index, replies.length - 1)]!;
      void play(res, reply, () => closed);
    });
  });
  server.on("connection", (socket) => socket.setNoDelay(true));
  return { ...(await listenOnLoopback(server)), requests };
}

/** `data: <json>\n\n` */
export const sseData = (value: unknown): string => `data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`;

/** `event: <name>\ndata: <json>\n\n` */
export const sseEvent = (name: string, value: unknown): string => `event: ${name}\n${sseData(value)}`;

/** A reply that writes every byte of `text` as its own TCP write: every byte boundary is a chunk boundary. */
export const bytewiseReply = (text: string): SseReply => ({ steps: [{ bytewise: text, gapMs: 0 }] });

export const jsonReply = (status: number, body: unknown, headers: Record<string, string> = {}): SseReply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  steps: [JSON.stringify(body)],
});
