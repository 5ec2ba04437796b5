// The gateway client (strapi-plugin-usage-billing/client) against a booted plugin over real HTTP: every
// method, the typed errors, withBilling's report-or-release, and a retry after a lost answer that must not
// charge twice. Prices: tests/fixtures/example-pricing.json (claude-sonnet-4-5: 3 / 15 per 1M tokens).
import type { AddressInfo } from 'node:net';
import {
  ConflictError,
  createBillingClient,
  HoldExhaustedError,
  ForbiddenError,
  InsufficientFundsError,
  ModelNotAllowedError,
  NotFoundError,
  PaymentRequiredError,
  UnauthorizedError,
  ValidationError,
  type BillingClient,
} from '../../client/src';
import { adminToken, apiToken } from '../helpers/auth';
import { createCodes } from '../helpers/codes';
import { setupBilling } from '../helpers/fixtures';
import { lossyProxy } from '../helpers/lossy-proxy';
import { balanceOf, expectLedgerConsistent, holdRow, ledgerRows, service } from '../helpers/metering';
import { bootForTests } from '../helpers/boot';

const ctx = bootForTests();
const MODEL = 'claude-sonnet-4-5';
const ACTIONS = [
  'gateway.authorize',
  'gateway.usage',
  'gateway.usageBatch',
  'gateway.quote',
  'gateway.releaseHold',
  'gateway.extendHold',
  'account.show',
  'account.redeem',
  'account.checkout',
];
// 1000 × 3 + 500 × 15 per 1M tokens
const USAGE = { inputTokens: 1000, outputTokens: 500 };
const COST = '0.0105';

describe(`gateway client (${process.env.TEST_DB})`, () => {
  let baseUrl: string;
  let token: string;
  let billing: BillingClient;
  let admin: string;
  const fund = (userId: string, amount: string) => service(ctx.strapi, 'ledger').adjust({ userId, amount, reason: 'test', actor: 'test' });

  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.05' });
    await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`;
    token = await apiToken(ctx.strapi, ACTIONS);
    admin = await adminToken(ctx.strapi);
    billing = createBillingClient({ baseUrl, token, retryDelayMs: 10 });
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));

  test('authorize → reportUsage charges the bill; the same requestId again is a replay that charges nothing', async () => {
    await fund('c-1', '1');
    const auth = await billing.authorize({ userId: 'c-1', model: MODEL, requestId: 'c-req-1' });
    expect(auth).toMatchObject({ allowed: true, mode: 'usage', held: '0.05', available: '0.95' });
    const report = { requestId: 'c-req-1', userId: 'c-1', model: MODEL, holdId: auth.holdId, usage: USAGE };

    const first = await billing.reportUsage(report);
    expect(first.replayed).toBe(false);
    expect(first.result).toMatchObject({ requestId: 'c-req-1', cost: COST, charged: COST, balance: '0.9895', mode: 'usage', currency: 'USD' });
    const again = await billing.reportUsage(report);
    expect(again).toEqual({ replayed: true, result: first.result });

    expect(await balanceOf(ctx.strapi, 'c-1')).toBe('0.9895');
    expect(await ledgerRows(ctx.strapi, { user_id: 'c-1', kind: 'usage' })).toEqual([expect.objectContaining({ reference: 'c-req-1', amount: `-${COST}` })]);
    expect((await holdRow(ctx.strapi, auth.holdId!)).status).toBe('settled');
  });

  test('typed errors by status and name: 402, 403, 401, 409, 400 with the field', async () => {
    const broke = await billing.authorize({ userId: 'c-broke', model: MODEL }).catch((e) => e);
    expect(broke).toBeInstanceOf(InsufficientFundsError);
    expect(broke).toBeInstanceOf(PaymentRequiredError);
    expect(broke).toMatchObject({ status: 402, name: 'InsufficientFundsError', details: { required: '0.05', available: '0' } });

    const unpriced = await billing.authorize({ userId: 'c-1', model: 'no-such-model-x' }).catch((e) => e);
    expect(unpriced).toBeInstanceOf(ModelNotAllowedError);
    expect(unpriced).toMatchObject({ status: 403, name: 'ModelNotAllowedError' });

    const quoteOnly = createBillingClient({ baseUrl, token: await apiToken(ctx.strapi, ['gateway.quote']) });
    const denied = await quoteOnly.reportUsage({ requestId: 'c-denied', userId: 'c-1', model: MODEL, usage: USAGE }).catch((e) => e);
    expect(denied).toBeInstanceOf(ForbiddenError);
    expect(denied).toMatchObject({ status: 403, requestId: 'c-denied' });
    expect(denied).not.toBeInstanceOf(ModelNotAllowedError);

    const anonymous = await createBillingClient({ baseUrl, token: 'not-a-token' }).quote({ model: MODEL, usage: USAGE }).catch((e) => e);
    expect(anonymous).toBeInstanceOf(UnauthorizedError);

    await fund('c-2', '1');
    const report = { requestId: 'c-req-2', userId: 'c-2', model: MODEL, usage: USAGE };
    await billing.reportUsage(report);
    const conflict = await billing.reportUsage({ ...report, usage: { ...USAGE, outputTokens: 501 } }).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ status: 409, name: 'IdempotencyConflictError', requestId: 'c-req-2' });

    const invalid = await billing.reportUsage({ ...report, requestId: 'c-req-3', usage: { inputTokens: -1 } }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).fields).toEqual(['usage.inputTokens']);
    expect(await balanceOf(ctx.strapi, 'c-2')).toBe('0.9895');
  });

  test('releaseHold releases an open hold; an unknown hold is NotFoundError', async () => {
    await fund('c-3', '1');
    const auth = await billing.authorize({ userId: 'c-3', model: MODEL, requestId: 'c-req-rel' });
    expect(await billing.releaseHold(auth.holdId!)).toEqual({ holdId: auth.holdId, status: 'released' });
    expect((await holdRow(ctx.strapi, auth.holdId!)).status).toBe('released');
    expect(await balanceOf(ctx.strapi, 'c-3')).toBe('1');
    await expect(billing.releaseHold('hold_nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('reportUsageBatch: one item per report, in order; the batch again is all replays', async () => {
    await fund('c-4', '1');
    const reports = [
      { requestId: 'c-b-1', userId: 'c-4', model: MODEL, usage: USAGE },
      { requestId: 'c-b-2', userId: 'c-4', model: 'gpt-image-1', usage: { calls: 1 } },
      { requestId: 'c-b-3', userId: 'c-4', model: MODEL, usage: { inputTokens: -1 } },
    ];
    const items = await billing.reportUsageBatch(reports);
    expect(items.map((i) => [i.requestId, i.status])).toEqual([['c-b-1', 201], ['c-b-2', 201], ['c-b-3', 400]]);
    expect(items[1].data).toMatchObject({ cost: '0.04', balance: '0.9495' });
    expect(items[2].error).toMatchObject({ name: 'ValidationError' });
    const again = await billing.reportUsageBatch(reports.slice(0, 2));
    expect(again.map((i) => i.status)).toEqual([200, 200]);
    expect(await balanceOf(ctx.strapi, 'c-4')).toBe('0.9495');
  });

  test('quote prices without charging; account shows the user view', async () => {
    const bill = await billing.quote({ model: MODEL, usage: USAGE, tools: [{ tool: 'web_search', calls: 2 }] });
    expect(bill).toMatchObject({ model: MODEL, total: '0.0305', modelCost: COST, toolCost: '0.02', currency: 'USD' });
    await fund('c-5', '2.5');
    const account = await billing.account('c-5');
    expect(account).toMatchObject({ userId: 'c-5', mode: 'usage', balance: '2.5', held: '0', available: '2.5' });
  });

  test('redeem credits a code; checkout refusals are typed (409 CheckoutNotAvailableError)', async () => {
    const { codes } = await createCodes(ctx, admin, { mode: 'usage', amount: '3' });
    expect(await billing.redeem('c-6', codes[0])).toMatchObject({ mode: 'usage', amount: '3', balance: '3' });
    await expect(billing.redeem('c-6', 'NOPE-NOPE')).rejects.toBeInstanceOf(NotFoundError);
    const refused = await billing.checkout('c-6', { channel: 'stripe', kind: 'topup', amount: '10' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ name: 'CheckoutNotAvailableError' });
  });

  describe('withBilling', () => {
    test('reports the usage run returns and settles the hold', async () => {
      await fund('c-7', '1');
      const out = await billing.withBilling({ userId: 'c-7', model: MODEL, routeSource: 'chat' }, async (call) => {
        expect(call.authorization).toMatchObject({ allowed: true, held: '0.05' });
        expect(call.holdId).toEqual(expect.any(String));
        return { usage: USAGE, latencyMs: 12, value: 'answer' };
      });
      expect(out).toMatchObject({ value: 'answer', replayed: false, journaled: false, usage: { cost: COST, balance: '0.9895' } });
      expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const holds = await ctx.strapi.db.connection('ub_holds').where({ request_id: out.requestId }).select('status');
      expect(holds).toEqual([{ status: 'settled' }]);
      expect(await balanceOf(ctx.strapi, 'c-7')).toBe('0.9895');
    });

    test('releases the hold when run throws (and rethrows) or returns usage null; nothing is charged', async () => {
      await fund('c-8', '1');
      let holdId: string | undefined;
      const failure = new Error('upstream 500');
      await expect(
        billing.withBilling({ userId: 'c-8', model: MODEL, requestId: 'c-w-throw' }, async (call) => {
          holdId = call.holdId;
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await holdRow(ctx.strapi, holdId!)).status).toBe('released');

      const out = await billing.withBilling({ userId: 'c-8', model: MODEL, requestId: 'c-w-null' }, async (call) => {
        holdId = call.holdId;
        return { usage: null, value: 42 };
      });
      expect(out).toEqual({ value: 42, usage: null, requestId: 'c-w-null', replayed: false, journaled: false });
      expect((await holdRow(ctx.strapi, holdId!)).status).toBe('released');
      expect(await balanceOf(ctx.strapi, 'c-8')).toBe('1');
      expect(await ledgerRows(ctx.strapi, { user_id: 'c-8', kind: 'usage' })).toEqual([]);
    });

    test('a refused authorization never runs the call', async () => {
      const run = jest.fn();
      await expect(billing.withBilling({ userId: 'c-broke-2', model: MODEL }, run)).rejects.toBeInstanceOf(InsufficientFundsError);
      expect(run).not.toHaveBeenCalled();
    });
  });

  test('a retry after a lost answer does not charge twice: one ledger entry, the balance to the last digit', async () => {
    await fund('c-9', '1');
    const proxy = await lossyProxy(baseUrl, (req, index) => req.url === '/api/usage-billing/usage' && index === 1);
    try {
      const viaProxy = createBillingClient({ baseUrl: proxy.url, token, retries: 2, retryDelayMs: 10 });
      const auth = await viaProxy.authorize({ userId: 'c-9', model: MODEL, requestId: 'c-lost-1' });
      const outcome = await viaProxy.reportUsage({ requestId: 'c-lost-1', userId: 'c-9', model: MODEL, holdId: auth.holdId, usage: USAGE });
      expect(proxy.dropped).toBe(1);
      expect(proxy.forwarded).toBe(3);
      // The first /usage was recorded but its answer lost; the retry is answered as the replay it is.
      expect(outcome).toMatchObject({ replayed: true, result: { requestId: 'c-lost-1', charged: COST, balance: '0.9895' } });
    } finally {
      await proxy.close();
    }
    expect(await ledgerRows(ctx.strapi, { user_id: 'c-9', kind: 'usage' })).toEqual([expect.objectContaining({ reference: 'c-lost-1', amount: `-${COST}` })]);
    expect(await balanceOf(ctx.strapi, 'c-9')).toBe('0.9895');
    const [{ c: logs }] = await ctx.strapi.db.connection('ub_usage_logs').where({ request_id: 'c-lost-1' }).count({ c: '*' });
    expect(Number(logs)).toBe(1);
  });

  test('streamMeter extends the hold ahead of the cost, then HoldExhaustedError when the funds run out; finish charges what was streamed', async () => {
    await fund('c-10', '0.2');
    const authorization = await billing.authorize({ userId: 'c-10', model: MODEL, requestId: 'c-stream-1' });
    expect(authorization).toMatchObject({ held: '0.05', available: '0.15' });
    const meter = billing.streamMeter({ userId: 'c-10', model: MODEL, requestId: 'c-stream-1', holdId: authorization.holdId, authorization, checkEveryTokens: 500 });
    // 500 output tokens cost 0.0075. Extensions (0.05 each) at 3000 tokens (0.045 ≥ 0.8 × 0.05), 5500
    // (0.0825 ≥ 0.08) and 8500 (0.1275 ≥ 0.12), which leaves nothing available; at 11000 (0.165 ≥ 0.16)
    // the fourth is refused.
    let streamed = 0;
    let exhausted: unknown = null;
    while (!exhausted && streamed < 20_000) {
      streamed += 500;
      exhausted = await meter.add({ outputTokens: 500 }).then(() => null, (error) => error);
      if (streamed === 3000) expect(meter.held).toBe('0.1');
    }
    expect(streamed).toBe(11_000);
    expect(exhausted).toBeInstanceOf(HoldExhaustedError);
    expect((exhausted as HoldExhaustedError).cause).toBeInstanceOf(InsufficientFundsError);
    expect(meter).toMatchObject({ extensions: 3, held: '0.2', lastQuotedCost: '0.165' });
    const hold = await holdRow(ctx.strapi, authorization.holdId!);
    expect(hold.status).toBe('open');
    expect(hold.amount).toBe('200000000');

    const result = await meter.finish({ latencyMs: 5000 });
    expect(result).toMatchObject({ requestId: 'c-stream-1', cost: '0.165', charged: '0.165', balance: '0.035' });
    expect((await holdRow(ctx.strapi, authorization.holdId!)).status).toBe('settled');
    expect(await balanceOf(ctx.strapi, 'c-10')).toBe('0.035');
  });
});
