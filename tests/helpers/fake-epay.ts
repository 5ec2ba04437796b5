// A fake EPay (易支付 v1) gateway on 127.0.0.1, the network edge of the EPay tests: it checks the sign of
// what we send it (submit.php, mapi.php) with the merchant key, as a real gateway does, and calls our
// notify URL with its own sign (GET query or POST form), returning what we answered.
//
// It signs and verifies with its own implementation of the MD5 sign, written from the protocol notes (not
// the plugin's epaySign): a fake that shared the code under test would accept whatever that code does.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The gateway's MD5 sign: sorted non-empty params except sign/sign_type, `k=v&…` raw, key appended. */
export function gatewaySign(params: Record<string, string | undefined>, key: string): string {
  const names = Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type' && params[name] !== undefined && params[name] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('md5')
    .update(names.map((name) => `${name}=${params[name]}`).join('&') + key)
    .digest('hex');
}

/** What we must send to submit.php (mapi.php adds clientip and device). */
const SUBMIT_FIELDS = ['pid', 'type', 'out_trade_no', 'notify_url', 'return_url', 'name', 'money'] as const;

/** One request the fake received: where, how, the params as it parsed them, and whether it accepted them. */
export interface FakeEpayRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  /** Why it refused the request ('sign error', 'unknown merchant', 'missing money'…); null when accepted. */
  refusal: string | null;
}

/** An order the fake accepted: the params we sent and the trade number it gave it. */
export interface FakeEpayOrder {
  params: Record<string, string>;
  tradeNo: string;
}

export interface NotifyOptions {
  method: 'GET' | 'POST';
  /** Fields set before the fake signs (what the gateway itself reports, e.g. another money); undefined drops one. */
  signed?: Record<string, string | undefined>;
  /** Fields changed after signing: a forger without the key. */
  tamper?: Record<string, string | undefined>;
  /** Sign with this key instead of the merchant's. */
  key?: string;
  /** The notification's trade_status (default TRADE_SUCCESS). */
  tradeStatus?: string;
}

export interface NotifyReply {
  status: number;
  text: string;
  /** The params the fake sent (after signing and tampering). */
  params: Record<string, string>;
}

export interface FakeEpay {
  /** The gateway URL to put in payments.epay.gatewayUrl (no trailing slash). */
  url: string;
  merchantId: string;
  key: string;
  requests: FakeEpayRequest[];
  /** Accepted orders by out_trade_no. */
  orders: Map<string, FakeEpayOrder>;
  /** What the fake did with a checkout URL: opens it as the user's browser would, and returns the accepted order. */
  open(checkoutUrl: string): Promise<{ status: number; text: string; order: FakeEpayOrder | null }>;
  /** Calls the order's notify_url as the gateway does after a payment; returns our reply. */
  notify(order: FakeEpayOrder, options: NotifyOptions): Promise<NotifyReply>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const asObject = (params: URLSearchParams): Record<string, string> => Object.fromEntries(params.entries());

export async function startFakeEpay({ merchantId = '1001', key = 'fake-epay-merchant-key' }: { merchantId?: string; key?: string } = {}): Promise<FakeEpay> {
  const requests: FakeEpayRequest[] = [];
  const orders = new Map<string, FakeEpayOrder>();
  let trades = 0;

  /** Checks a request of ours as the gateway would; null when it is acceptable. */
  const refusalOf = (params: Record<string, string>, fields: readonly string[]): string | null => {
    for (const field of fields) if (!params[field]) return `missing ${field}`;
    if (params.pid !== merchantId) return 'unknown merchant';
    if (params.sign_type !== 'MD5') return 'sign_type must be MD5';
    if (params.sign !== gatewaySign(params, key)) return 'sign error';
    return null;
  };

  const accept = (params: Record<string, string>): FakeEpayOrder => {
    const existing = orders.get(params.out_trade_no);
    if (existing) return existing;
    trades += 1;
    const order = { params, tradeNo: `2025${String(trades).padStart(10, '0')}` };
    orders.set(params.out_trade_no, order);
    return order;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = req.method === 'POST' ? await readBody(req) : '';
    const params = { ...asObject(url.searchParams), ...asObject(new URLSearchParams(body)) };
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    if (url.pathname === '/submit.php' && (req.method === 'GET' || req.method === 'POST')) {
      const refusal = refusalOf(params, SUBMIT_FIELDS);
      requests.push({ method: req.method, path: url.pathname, params, refusal });
      if (refusal) return send(400, 'text/plain; charset=utf-8', refusal);
      const order = accept(params);
      return send(200, 'text/html; charset=utf-8', `<html><body>Pay ${params.money} CNY for ${params.name} (trade ${order.tradeNo})</body></html>`);
    }
    if (url.pathname === '/mapi.php' && req.method === 'POST') {
      const refusal = refusalOf(params, [...SUBMIT_FIELDS, 'clientip', 'device']);
      requests.push({ method: req.method, path: url.pathname, params, refusal });
      // A real gateway answers its refusals with 200 and code ≠ 1.
      if (refusal) return send(200, 'application/json', JSON.stringify({ code: -1, msg: refusal }));
      const order = accept(params);
      return send(200, 'application/json', JSON.stringify({ code: 1, msg: 'ok', trade_no: order.tradeNo, payurl: `${base}/pay/${order.tradeNo}` }));
    }
    requests.push({ method: req.method ?? '', path: url.pathname, params, refusal: 'not found' });
    return send(404, 'text/plain', 'not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    merchantId,
    key,
    requests,
    orders,

    async open(checkoutUrl) {
      const response = await fetch(checkoutUrl, { redirect: 'manual' });
      const text = await response.text();
      const outTradeNo = new URL(checkoutUrl).searchParams.get('out_trade_no') ?? '';
      return { status: response.status, text, order: response.status === 200 ? (orders.get(outTradeNo) ?? null) : null };
    },

    async notify(order, options) {
      const params: Record<string, string | undefined> = {
        pid: merchantId,
        trade_no: order.tradeNo,
        out_trade_no: order.params.out_trade_no,
        type: order.params.type,
        name: order.params.name,
        money: order.params.money,
        trade_status: options.tradeStatus ?? 'TRADE_SUCCESS',
        ...options.signed,
      };
      params.sign = gatewaySign(params, options.key ?? key);
      params.sign_type = 'MD5';
      Object.assign(params, options.tamper);
      const sent = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const form = new URLSearchParams(sent).toString();
      const target = new URL(order.params.notify_url);
      let response: Response;
      if (options.method === 'GET') {
        for (const [name, value] of Object.entries(sent)) target.searchParams.set(name, value);
        response = await fetch(target);
      } else {
        response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      }
      return { status: response.status, text: await response.text(), params: sent };
    },

    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive: without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
