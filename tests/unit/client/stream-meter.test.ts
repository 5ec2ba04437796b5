// The stream meter against a scripted server on 127.0.0.1: /quote prices 0.001 per output token, /extend
// adds 0.05 to the hold (or refuses with 402). The hold starts at 0.05; with headroom 0.8 the meter must
// extend once the running cost reaches 0.04, then 0.08, and so on.
import { createBillingClient, HoldExhaustedError, InsufficientFundsError, type AuthorizeResult } from '../../../client/src';
import { scriptedServer, strapiError, type ReceivedRequest, type ScriptedServer } from '../../helpers/scripted-server';

const AUTH: AuthorizeResult = { allowed: true, mode: 'usage', holdId: 'hold_1', held: '0.05', available: '0.95' };
const meterOptions = { userId: 'u-1', model: 'm', requestId: 'req-s', holdId: 'hold_1', authorization: AUTH, checkEveryTokens: 10 };

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A billing server whose hold grows by 0.05 per extension, refusing after `maxExtensions`. */
async function billingServer(maxExtensions: number) {
  let held = 50; // thousandths
  let extensions = 0;
  server = await scriptedServer((req: ReceivedRequest) => {
    const body = JSON.parse(req.body || '{}');
    if (req.path.endsWith('/quote')) return { status: 200, body: { data: { total: ((body.usage.outputTokens ?? 0) / 1000).toFixed(3) } } };
    if (req.path === '/api/usage-billing/holds/hold_1/extend') {
      if (extensions >= maxExtensions) return strapiError(402, 'InsufficientFundsError', 'no funds', { required: '0.05', available: '0.01' });
      extensions += 1;
      held += 50;
      return { status: 200, body: { data: { holdId: 'hold_1', status: 'open', held: (held / 1000).toFixed(3), added: '0.05', expiresAt: '2030-01-01T00:00:00.000Z' } } };
    }
    if (req.path.endsWith('/usage')) return { status: 201, body: { data: { requestId: body.requestId, cost: '0.1', charged: '0.1' } } };
    return strapiError(404, 'NotFoundError');
  });
  return createBillingClient({ baseUrl: server.url, retryDelayMs: 5 });
}

const paths = () => server!.received.map((r) => r.path.replace('/api/usage-billing', ''));

test('quotes every checkEveryTokens tokens and extends when the cost reaches headroom × held', async () => {
  const billing = await billingServer(10);
  const meter = billing.streamMeter(meterOptions);
  for (let i = 0; i < 10; i += 1) await meter.add({ outputTokens: 5 });
  // 50 tokens: quotes at 10, 20, 30, 40 (0.04 ≥ 0.8 × 0.05 → extend to 0.10), 50
  expect(paths()).toEqual(['/quote', '/quote', '/quote', '/quote', '/holds/hold_1/extend', '/quote']);
  expect(meter).toMatchObject({ held: '0.100', extensions: 1, lastQuotedCost: '0.050' });
  expect(JSON.parse(server!.received[3].body)).toEqual({ model: 'm', usage: { outputTokens: 40 }, tools: [] });
  expect(server!.received[4].body).toBe('{}');

  await meter.add({ outputTokens: 30, inputTokens: 5 }, [{ tool: 'web_search' }]);
  // 85 output tokens: 0.085 ≥ 0.08 → extend to 0.15
  expect(paths().slice(6)).toEqual(['/quote', '/holds/hold_1/extend']);
  expect(meter.usage).toEqual({ outputTokens: 80, inputTokens: 5 });

  const result = await meter.finish({ latencyMs: 900 });
  expect(result).toMatchObject({ requestId: 'req-s' });
  expect(JSON.parse(server!.received.at(-1)!.body)).toEqual({
    requestId: 'req-s', userId: 'u-1', model: 'm', holdId: 'hold_1',
    usage: { outputTokens: 80, inputTokens: 5 }, tools: [{ tool: 'web_search', calls: 1 }], latencyMs: 900,
  });
});

test('a chunk far past the hold extends as often as needed in one check', async () => {
  const billing = await billingServer(10);
  const meter = billing.streamMeter({ ...meterOptions, extendBy: '0.05' });
  await meter.add({ outputTokens: 130 });
  // 0.13: 0.05 → 0.10 → 0.15 → 0.20 (0.13 < 0.8 × 0.20 = 0.16)
  expect(paths()).toEqual(['/quote', '/holds/hold_1/extend', '/holds/hold_1/extend', '/holds/hold_1/extend']);
  expect(JSON.parse(server!.received[1].body)).toEqual({ amount: '0.05' });
  expect(meter.held).toBe('0.200');
});

test('a refused extension (402) throws HoldExhaustedError, and again on every later add; finish still reports', async () => {
  const billing = await billingServer(0);
  const meter = billing.streamMeter(meterOptions);
  await meter.add({ outputTokens: 30 });
  const error = await meter.add({ outputTokens: 10 }).catch((e) => e);
  expect(error).toBeInstanceOf(HoldExhaustedError);
  expect(error).toMatchObject({ status: 402, name: 'HoldExhaustedError', requestId: 'req-s' });
  expect(error.cause).toBeInstanceOf(InsufficientFundsError);
  await expect(meter.add({ outputTokens: 1 })).rejects.toBe(error);

  await meter.finish({ status: 'success' });
  expect(JSON.parse(server!.received.at(-1)!.body)).toMatchObject({ holdId: 'hold_1', usage: { outputTokens: 41 } });
});

test('without a hold (self mode, free model, offline) the meter only counts', async () => {
  const billing = await billingServer(10);
  const meter = billing.streamMeter({ ...meterOptions, holdId: undefined, authorization: { allowed: true, mode: 'self' } });
  await meter.add({ outputTokens: 500 });
  expect(paths()).toEqual([]);
  await meter.finish();
  expect(JSON.parse(server!.received[0].body)).toEqual({ requestId: 'req-s', userId: 'u-1', model: 'm', usage: { outputTokens: 500 } });
});
