import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** One request as the scenario sees it. */
export interface ArrivedRequest {
  /** The provider route: `/gpt-gob/v1/chat/completions` → "gpt-gob". */
  provider: string;
  /** The `x-bench-call` header: which logical call this attempt belongs to. */
  call: string | undefined;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Handler = (request: ArrivedRequest) => Reply;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

const ROUTE = /^\/([a-z0-9-]+)\/v1\/chat\/completions$/;

/**
 * A node:http server on 127.0.0.1 whose answers a scenario decides. It reads every request body
 * (so that clients see a normal exchange) and closes itself after `lifetimeMs` whatever happens.
 */
export async function startFaultServer(lifetimeMs: number): Promise<FaultServer> {
  let handler: Handler = () => ({ status: 503, body: "{}" });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const route = ROUTE.exec(req.url ?? "");
    req.on("data", () => {});
    req.on("end", () => {
      if (!route || req.method !== "POST") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no such route"}}');
        return;
      }
      const call = req.headers["x-bench-call"];
      const reply = handler({ provider: route[1]!, call: typeof call === "string" ? call : undefined, at });
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(reply.body);
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  // The server stops by itself even if the benchmark hangs.
  const stop = setTimeout(() => void close(), lifetimeMs);
  stop.unref();
  return {
    origin: `http://127.0.0.1:${port}`,
    setHandler: (next) => {
      handler = next;
    },
    close: async () => {
      clearTimeout(stop);
      await close();
    },
  };
}
