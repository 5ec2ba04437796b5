// A fake OpenAI-compatible provider on 127.0.0.1, the network edge of the example gateway's tests: it
// answers POST /v1/chat/completions as OpenAI does — a JSON completion with `usage`, or an SSE stream of
// `chat.completion.chunk` events, the usage chunk when `stream_options.include_usage` asks for it, then
// `data: [DONE]` — and, on demand, a stream cut midway, a slow endless-looking stream, or an error answer.
// It records every request it received and whether each stream's connection was closed on it.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text as readText } from 'node:stream/consumers';

/** OpenAI's usage object. */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number };
}

/** What the fake does with the next requests (set `fake.behaviour` before a call). */
export type FakeBehaviour =
  /** An answer (JSON or stream, as the request asks) of `deltas` pieces of `DELTA_TEXT`, reporting `usage`. */
  | { kind: 'complete'; deltas: number; usage: OpenAIUsage }
  /** A stream that sends `deltas` content deltas, then drops the connection (no usage chunk, no [DONE]). */
  | { kind: 'cut'; deltas: number }
  /** A stream of up to `deltas` content deltas, one every `intervalMs`, stopping when the connection closes. */
  | { kind: 'slow'; deltas: number; intervalMs: number }
  /** An error answer in OpenAI's shape. */
  | { kind: 'error'; status: number };

/** Every content delta the fake streams: 4 characters, one token by the proxy's estimate. */
export const DELTA_TEXT = 'tok ';

/** One request the fake received, and what became of its answer. */
export interface FakeOpenAIRequest {
  authorization: string | undefined;
  body: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean }; [key: string]: unknown };
  /** Content deltas written to the connection. */
  deltasSent: number;
  /** The connection was closed by the other side before the fake finished its answer. */
  aborted: boolean;
  /** Resolves when the fake is done with this request (answer finished, or connection closed). */
  settled: Promise<void>;
}

export interface FakeOpenAI {
  /** The API base URL (…/v1), as a proxy's UPSTREAM_URL. */
  url: string;
  behaviour: FakeBehaviour;
  requests: FakeOpenAIRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeOpenAIRequest[] = [];
  let completions = 0;

  const handle = async (res: ServerResponse, record: FakeOpenAIRequest, behaviour: FakeBehaviour) => {
    completions += 1;
    const id = `chatcmpl-fake-${completions}`;
    const model = record.body.model ?? 'unknown';
    const chunk = (fields: object) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1764633600, model, ...fields })}\n\n`;
    const delta = (content: string) => chunk({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    let closed = false;
    res.on('close', () => {
      closed = true;
      record.aborted = !res.writableFinished;
    });

    if (behaviour.kind === 'error') {
      res.writeHead(behaviour.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }));
      return;
    }
    if (!record.body.stream) {
      if (behaviour.kind !== 'complete') throw new Error(`the fake streams only in ${behaviour.kind} mode`);
      const content = DELTA_TEXT.repeat(behaviour.deltas);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 1764633600,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
          usage: behaviour.usage,
          service_tier: 'default',
        }),
      );
      record.deltasSent = behaviour.deltas;
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
    for (let i = 0; i < behaviour.deltas && !closed; i += 1) {
      if (behaviour.kind === 'slow') await sleep(behaviour.intervalMs);
      if (closed) break;
      res.write(delta(DELTA_TEXT));
      record.deltasSent += 1;
    }
    if (closed) return;
    if (behaviour.kind === 'cut') {
      // Everything written reaches the proxy, then the connection drops: no finish, no usage, no [DONE].
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      res.socket?.destroy();
      return;
    }
    res.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    if (behaviour.kind === 'complete' && record.body.stream_options?.include_usage) res.write(chunk({ choices: [], usage: behaviour.usage }));
    res.end('data: [DONE]\n\n');
  };

  const server: Server = createServer((req, res) => {
    let settle = () => {};
    const record: FakeOpenAIRequest = {
      authorization: req.headers.authorization,
      body: {},
      deltasSent: 0,
      aborted: false,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    res.on('close', () => settle());
    const behaviour = fake.behaviour;
    readText(req)
      .then((text) => {
        record.body = JSON.parse(text);
        requests.push(record);
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        return handle(res, record, behaviour);
      })
      .catch((error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  const fake: FakeOpenAI = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    behaviour: { kind: 'error', status: 500 },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}
