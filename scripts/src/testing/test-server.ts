import http from "node:http";
import { listenOnLoopback } from "./listen.js";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/** What the handler does with one request: reply, or misbehave on purpose. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string | object }
  | { reset: true }
  | { hang: true }
  /** The status line, the headers and part of the body (a longer one is announced), then silence or a reset. */
  | { status: number; headers?: Record<string, string>; partial: string; then: "hang" | "reset" };

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 for end-to-end tests. `reply` gets the request number (0-based);
 * hung and reset connections are cleaned up on close, so tests stop by themselves.
 */
export async function startTestServer(reply: (index: number, request: RecordedRequest) => Reply): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      requests.push(recorded);
      const action = reply(requests.length - 1, recorded);
      if ("reset" in action) return req.socket.destroy();
      if ("hang" in action) return;
      if ("partial" in action) {
        res.writeHead(action.status, { "content-type": "application/json", "content-length": String(action.partial.length + 100), ...action.headers });
        res.write(action.partial);
        if (action.then === "reset") setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      const body = action.body === undefined ? "" : typeof action.body === "string" ? action.body : JSON.stringify(action.body);
      const type = typeof action.body === "object" ? "application/json" : "text/plain";
      res.writeHead(action.status, { "content-type": type, ...action.headers });
      res.end(body);
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}
