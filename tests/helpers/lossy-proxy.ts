// An HTTP proxy on 127.0.0.1 in front of a booted Strapi that loses answers: it forwards each request, lets
// Strapi finish it, then — for the requests `lose` picks — closes the client's connection instead of
// answering. The client sees a network error for a request the server did process: the case retries must
// survive without charging twice.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LossyProxy {
  url: string;
  /** Requests forwarded, and how many of their answers were dropped. */
  forwarded: number;
  dropped: number;
  close(): Promise<void>;
}

export async function lossyProxy(target: string, lose: (req: IncomingMessage, index: number) => boolean): Promise<LossyProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const state = { forwarded: 0, dropped: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const index = state.forwarded;
    state.forwarded += 1;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          if (lose(req, index)) {
            state.dropped += 1;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get forwarded() {
      return state.forwarded;
    },
    get dropped() {
      return state.dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
