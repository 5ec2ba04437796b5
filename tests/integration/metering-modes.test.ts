// Metering end to end in each billing mode (usage, self, period): what /authorize allows and holds,
// what /usage records and charges for every pricing mode, and the ledger invariant after each scenario.
import { bootForTests } from '../helpers/boot';
import {
  adminGet, balanceOf, fund, gatewaySuite, holdRow, ledgerRows, logRow, service, setSettings, tableCounts,
} from '../helpers/metering';

const ctx = bootForTests();

describe(`metering in each billing mode (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  const { post } = suite;

  /** authorize + usage for one call; returns both responses. */
  const call = async (userId: string, requestId: string, model: string, rest: Record<string, unknown>) => {
    const auth = await post('/authorize', { userId, model, requestId });
    const used = await post('/usage', { requestId, userId, model, holdId: auth.body.data?.holdId, ...rest });
    return { auth, used };
  };

  describe('usage mode', () => {
    test('per_call, per_second (with multiplier) and both tiers of a tiered model are charged exactly and settle their holds', async () => {
      const userId = 'mode-usage';
      await fund(ctx.strapi, userId, '10');

      const img = await call(userId, 'mu-img', 'gpt-image-1', { usage: { calls: 3 } });
      expect(img.auth.status).toBe(200);
      expect(img.auth.body.data).toMatchObject({ allowed: true, mode: 'usage', held: '0.1', available: '9.9' });
      expect(img.auth.body.data.holdId).toMatch(/^hold_/);
      expect(img.used.status).toBe(201);
      expect(img.used.body.data).toMatchObject({
        requestId: 'mu-img', userId, mode: 'usage', model: 'gpt-image-1', currency: 'USD', cost: '0.12', charged: '0.12',
        balance: '9.88', status: 'success', flags: [],
        lines: [{ item: 'call', quantity: '3', unitPrice: '0.04', unit: 'call', amount: '0.12' }],
      });
      expect((await holdRow(ctx.strapi, img.auth.body.data.holdId)).status).toBe('settled');

      const video = await call(userId, 'mu-video', 'sora-2', { usage: { durationSeconds: 12.5 }, serviceTier: 'priority' });
      expect(video.used.body.data).toMatchObject({
        cost: '2.5', charged: '2.5', balance: '7.38',
        lines: [{ item: 'duration', quantity: '12.5', unitPrice: '0.1', unit: 'second', amount: '2.5' }],
      });

      // 200,000 prompt tokens (input + cache read) is still tier 0: 0.125 + 0.02 + 0.0125
      const tier0 = await call(userId, 'mu-gem-0', 'gemini-2.5-pro', { usage: { inputTokens: 100000, cacheReadTokens: 100000, outputTokens: 2000 } });
      expect(tier0.used.body.data).toMatchObject({ cost: '0.1575', charged: '0.1575', balance: '7.2225' });
      expect((await logRow(ctx.strapi, 'mu-gem-0'))!.snapshot.bill.tier).toBe(0);

      // 200,001 tokens moves the whole call to tier 1: 0.375 + 0.015 + 0.01250025
      const tier1 = await call(userId, 'mu-gem-1', 'gemini-2.5-pro', { usage: { inputTokens: 150000, cacheReadTokens: 50001, outputTokens: 1000 } });
      expect(tier1.used.body.data).toMatchObject({ cost: '0.40250025', charged: '0.40250025', balance: '6.81999975' });
      expect(tier1.used.body.data.lines.map((l: any) => [l.item, l.unitPrice, l.amount])).toEqual([
        ['input', '2.5', '0.375'], ['output', '15', '0.015'], ['cache_read', '0.25', '0.01250025'],
      ]);
      const log = await logRow(ctx.strapi, 'mu-gem-1');
      expect(log).toMatchObject({ pricing_mode: 'tiered', billing_mode: 'usage', cost: '0.40250025', charged: '0.40250025' });
      expect(log!.snapshot.bill.tier).toBe(1);

      expect(await balanceOf(ctx.strapi, userId)).toBe('6.81999975');
      const usage = await ledgerRows(ctx.strapi, { user_id: userId, kind: 'usage' });
      expect(usage.map((e) => [e.reference, e.amount, e.balance_after])).toEqual([
        ['mu-img', '-0.12', '9.88'], ['mu-video', '-2.5', '7.38'], ['mu-gem-0', '-0.1575', '7.2225'], ['mu-gem-1', '-0.40250025', '6.81999975'],
      ]);
      const open = await ctx.strapi.db.connection('ub_holds').where({ user_id: userId, status: 'open' }).count({ c: '*' }).first();
      expect(Number(open!.c)).toBe(0);
    });

    test('a free model opens no hold; its tools are charged, a tool-less call costs 0 and writes no ledger entry', async () => {
      const userId = 'mode-free';
      await fund(ctx.strapi, userId, '1');
      const holdsBefore = (await tableCounts(ctx.strapi)).holds;
      const auth = await post('/authorize', { userId, model: 'llama-3.1-8b', requestId: 'mf-1' });
      expect(auth.status).toBe(200);
      expect(auth.body.data).toEqual({ allowed: true, mode: 'usage', available: '1' });
      expect((await tableCounts(ctx.strapi)).holds).toBe(holdsBefore);

      const withTools = await post('/usage', {
        requestId: 'mf-1', userId, model: 'llama-3.1-8b', usage: { inputTokens: 5000, outputTokens: 100 }, tools: [{ tool: 'web_search', calls: 2 }],
      });
      expect(withTools.status).toBe(201);
      expect(withTools.body.data).toMatchObject({
        cost: '0.02', charged: '0.02', balance: '0.98',
        lines: [{ item: 'tool:web_search', quantity: '2', unitPrice: '0.01', unit: 'call', amount: '0.02' }],
      });
      const plain = await post('/usage', { requestId: 'mf-2', userId, model: 'llama-3.1-8b', usage: { inputTokens: 5000 } });
      expect(plain.body.data).toMatchObject({ cost: '0', charged: '0', balance: '0.98', lines: [], status: 'success' });
      expect((await ledgerRows(ctx.strapi, { user_id: userId })).map((e) => [e.kind, e.amount])).toEqual([['adjustment', '1'], ['usage', '-0.02']]);
      expect(await logRow(ctx.strapi, 'mf-2')).toMatchObject({ cost: '0', charged: '0', pricing_mode: 'free' });
    });

    test('an unknown model is logged unpriced (cost 0), auto-registered in the catalog, and refused by authorize unless allowUnpricedModels', async () => {
      const userId = 'mode-unpriced';
      await fund(ctx.strapi, userId, '1');
      const used = await post('/usage', { requestId: 'mx-1', userId, model: 'mystery-model-x', usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 1 }] });
      expect(used.status).toBe(201);
      expect(used.body.data).toMatchObject({ status: 'unpriced', cost: '0', charged: '0', balance: '1', lines: [], flags: ['unpriced'] });
      expect(await logRow(ctx.strapi, 'mx-1')).toMatchObject({ status: 'unpriced', pricing_mode: 'unpriced', cost: '0' });

      const models = await adminGet(ctx, suite.admin, '/models');
      expect(models.status).toBe(200);
      expect(models.body.data.find((m: any) => m.name === 'mystery-model-x')).toMatchObject({ source: 'auto', priced: false });

      const before = await tableCounts(ctx.strapi);
      const refused = await post('/authorize', { userId, model: 'mystery-model-x', requestId: 'mx-2' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ name: 'ModelNotAllowedError', details: { model: 'mystery-model-x', reason: 'unpriced' } });
      expect(await tableCounts(ctx.strapi)).toEqual(before);

      await setSettings(ctx.strapi, { allowUnpricedModels: true });
      const allowed = await post('/authorize', { userId, model: 'mystery-model-x', requestId: 'mx-2' });
      expect(allowed.status).toBe(200);
      expect(allowed.body.data).toMatchObject({ allowed: true, mode: 'usage', held: '0.1', available: '0.9' });
      await setSettings(ctx.strapi, { allowUnpricedModels: false });
      await post(`/holds/${allowed.body.data.holdId}/release`, {});
    });

    test('a disabled model is refused by authorize with 403 and nothing is written', async () => {
      const modelPrices = service(ctx.strapi, 'modelPrices');
      await modelPrices.update({ model: 'gpt-image-1', mode: 'per_call', perCall: '0.04', enabled: false });
      await fund(ctx.strapi, 'mode-disabled', '1');
      const before = await tableCounts(ctx.strapi);
      const res = await post('/authorize', { userId: 'mode-disabled', model: 'gpt-image-1', requestId: 'md-1' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ name: 'ModelNotAllowedError', details: { model: 'gpt-image-1', reason: 'disabled' } });
      expect(await tableCounts(ctx.strapi)).toEqual(before);
      await modelPrices.update({ model: 'gpt-image-1', mode: 'per_call', perCall: '0.04', enabled: true });
    });

    test('an unknown serviceTier is recorded with factor 1 and the flag unknown_multiplier:<name>', async () => {
      await fund(ctx.strapi, 'mode-tier', '1');
      const res = await post('/usage', { requestId: 'mt-1', userId: 'mode-tier', model: 'claude-sonnet-4-5', serviceTier: 'turbo', usage: { inputTokens: 1000, outputTokens: 100 } });
      expect(res.status).toBe(201);
      // 1000 × 3 + 100 × 15 per 1M = 0.003 + 0.0015
      expect(res.body.data).toMatchObject({ cost: '0.0045', charged: '0.0045', balance: '0.9955', status: 'success', flags: ['unknown_multiplier:turbo'] });
      const log = await logRow(ctx.strapi, 'mt-1');
      expect(log).toMatchObject({ service_tier: 'turbo', cost: '0.0045' });
      expect(log!.snapshot.bill.multiplier).toBe('1');
    });

    test('a bill above the balance is charged in full (negative balance) and the next authorize gets 402', async () => {
      const userId = 'mode-neg';
      await fund(ctx.strapi, userId, '0.1');
      const { auth, used } = await call(userId, 'mn-1', 'sora-2', { usage: { durationSeconds: 100 } });
      expect(auth.body.data).toMatchObject({ held: '0.1', available: '0' });
      expect(used.status).toBe(201);
      expect(used.body.data).toMatchObject({ cost: '10', charged: '10', balance: '-9.9' });
      expect(await balanceOf(ctx.strapi, userId)).toBe('-9.9');

      const before = await tableCounts(ctx.strapi);
      const refused = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'mn-2' });
      expect(refused.status).toBe(402);
      expect(refused.body.error).toMatchObject({ name: 'InsufficientFundsError', details: { required: '0.1', available: '-9.9' } });
      expect(await tableCounts(ctx.strapi)).toEqual(before);
    });

    test('toolBilling=false: tools are recorded on the log but create no bill lines', async () => {
      await fund(ctx.strapi, 'mode-notools', '1');
      await setSettings(ctx.strapi, { toolBilling: false });
      try {
        const res = await post('/usage', { requestId: 'mnt-1', userId: 'mode-notools', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 5 }] });
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ cost: '0.003', charged: '0.003', balance: '0.997' });
        expect(res.body.data.lines.map((l: any) => l.item)).toEqual(['input']);
        expect((await logRow(ctx.strapi, 'mnt-1'))!.tools).toEqual([{ tool: 'web_search', calls: 5 }]);
      } finally {
        await setSettings(ctx.strapi, { toolBilling: true });
      }
    });
  });

  describe('self mode', () => {
    beforeAll(async () => {
      await fund(ctx.strapi, 'mode-self', '1');
      await setSettings(ctx.strapi, { mode: 'self' });
    });

    test('authorize allows any priced model without a hold, even on a zero balance', async () => {
      const holdsBefore = (await tableCounts(ctx.strapi)).holds;
      for (const userId of ['mode-self', 'mode-self-zero']) {
        const res = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: `ms-auth-${userId}` });
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({ allowed: true, mode: 'self' });
      }
      expect((await tableCounts(ctx.strapi)).holds).toBe(holdsBefore);
      const unpriced = await post('/authorize', { userId: 'mode-self', model: 'not-priced-anywhere' });
      expect(unpriced.status).toBe(403);
    });

    test('usage records the computed cost, charges "0" and leaves the balance and ledger untouched', async () => {
      const ledgerBefore = await ledgerRows(ctx.strapi, { user_id: 'mode-self' });
      const res = await post('/usage', { requestId: 'ms-1', userId: 'mode-self', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 } });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ mode: 'self', cost: '0.018', charged: '0', status: 'success', flags: [] });
      expect(res.body.data).not.toHaveProperty('balance');
      const tools = await post('/usage', { requestId: 'ms-2', userId: 'mode-self', model: 'llama-3.1-8b', usage: {}, tools: [{ tool: 'web_search', calls: 2 }] });
      expect(tools.body.data).toMatchObject({ cost: '0.02', charged: '0' });
      expect(await balanceOf(ctx.strapi, 'mode-self')).toBe('1');
      expect(await ledgerRows(ctx.strapi, { user_id: 'mode-self' })).toEqual(ledgerBefore);
      expect(await logRow(ctx.strapi, 'ms-1')).toMatchObject({ billing_mode: 'self', cost: '0.018', charged: '0' });
    });
  });

  describe('period mode', () => {
    beforeAll(async () => setSettings(ctx.strapi, { mode: 'period' }));

    test('authorize without a subscription: 402 NoActiveSubscriptionError for a priced model (nothing written), free models allowed', async () => {
      const before = await tableCounts(ctx.strapi);
      const res = await post('/authorize', { userId: 'mode-period', model: 'claude-sonnet-4-5', requestId: 'mp-auth' });
      expect(res.status).toBe(402);
      expect(res.body.error).toMatchObject({ status: 402, name: 'NoActiveSubscriptionError', details: { userId: 'mode-period' } });
      expect(await tableCounts(ctx.strapi)).toEqual(before);
      const free = await post('/authorize', { userId: 'mode-period', model: 'llama-3.1-8b' });
      expect(free.status).toBe(200);
      expect(free.body.data).toEqual({ allowed: true, mode: 'period' });
      expect((await tableCounts(ctx.strapi)).holds).toBe(before.holds);
    });

    test('usage without a subscription is recorded with its cost, charged "0" and flagged no_active_subscription; no ledger entry', async () => {
      const ledgerBefore = (await tableCounts(ctx.strapi)).ledger;
      const res = await post('/usage', { requestId: 'mp-1', userId: 'mode-period', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ mode: 'period', cost: '0.003', charged: '0', flags: ['no_active_subscription'] });
      expect(res.body.data).not.toHaveProperty('balance');
      expect(res.body.data).not.toHaveProperty('remainingCredit');
      expect(await logRow(ctx.strapi, 'mp-1')).toMatchObject({ billing_mode: 'period', cost: '0.003', charged: '0' });
      expect((await tableCounts(ctx.strapi)).ledger).toBe(ledgerBefore);
    });
  });
});
