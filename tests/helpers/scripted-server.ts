// An HTTP server on 127.0.0.1 whose answers a test scripts, one per request: the network edge of the client's
// unit tests (real sockets; fetch is not mocked). It records what it received, so a test can assert that
// every retry sent the same bytes. `hang` keeps the request open until the server closes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What to do with one request: answer (status and JSON body), hang, or drop the connection unanswered. */
export type Reply = { status: number; body?: unknown } | 'hang' | 'drop';

export interface ScriptedServer {
  /** http://127.0.0.1:<port> */
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** `script(request, index)` picks the reply of the index-th request (0-based); `port` 0 lets the OS choose. */
export async function scriptedServer(script: (request: ReceivedRequest, index: number) => Reply, port = 0): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const reply = script(request, received.length);
      received.push(request);
      if (reply === 'hang') return;
      if (reply === 'drop') return void req.socket.destroy();
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Strapi's error answer. */
export const strapiError = (status: number, name: string, message = name, details: unknown = {}) => ({
  status,
  body: { data: null, error: { status, name, message, details } },
});
