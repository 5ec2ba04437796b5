// POST /holds/:holdId/extend: a long call reserves more on its hold under the authorize funds rule (usage
// and period mode), renews its expiry, and is refused — writing nothing — when the money is not there, when
// the hold reserves nothing any more, or when the body is wrong.
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import {
  adminGet, balanceOf, fund, gatewayPost, gatewaySuite, holdRow, setSettings, tableCounts,
} from '../helpers/metering';
import { createPlan, grantPlan } from '../helpers/plans';

const ctx = bootForTests();
const MODEL = 'claude-sonnet-4-5';
const expiryMs = (value: Date | number | string) => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value).getTime();

describe(`hold extension (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  const { post } = suite;
  const authorize = (userId: string, requestId: string) => post('/authorize', { userId, model: MODEL, requestId });
  const extend = (holdId: string, body?: unknown) => post(`/holds/${holdId}/extend`, body);

  afterEach(async () => setSettings(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' }));

  test('usage mode: extends by the prepaid amount or by `amount` while the balance covers it, then 402s writing nothing', async () => {
    const userId = 'ext-usage';
    await fund(ctx.strapi, userId, '0.35');
    const auth = await authorize(userId, 'ext-u-1');
    expect(auth.body.data).toMatchObject({ held: '0.1', available: '0.25' });
    const { holdId } = auth.body.data;
    const before = await holdRow(ctx.strapi, holdId);

    const byDefault = await extend(holdId, {});
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.data).toMatchObject({ holdId, status: 'open', held: '0.2', added: '0.1', available: '0.15' });
    expect(expiryMs(byDefault.body.data.expiresAt)).toBeGreaterThanOrEqual(expiryMs(before.expires_at));

    const exact = await extend(holdId, { amount: '0.15' });
    expect(exact.body.data).toMatchObject({ held: '0.35', added: '0.15', available: '0' });
    expect((await holdRow(ctx.strapi, holdId)).amount).toBe('350000000');

    const counts = await tableCounts(ctx.strapi);
    const refused = await extend(holdId, { amount: '0.000000001' });
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ name: 'InsufficientFundsError', details: { required: '0.000000001', available: '0' } });
    expect((await holdRow(ctx.strapi, holdId)).amount).toBe('350000000');
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    // Everything is reserved: a new call is refused too.
    expect((await authorize(userId, 'ext-u-2')).status).toBe(402);
    expect((await adminGet(ctx, suite.admin, `/accounts/${userId}`)).body.data).toMatchObject({ balance: '0.35', held: '0.35', available: '0' });

    // The report settles the whole hold and charges the real bill: 1000 in × 3 + 20000 out × 15 per 1M = 0.303.
    const usage = await post('/usage', { requestId: 'ext-u-1', userId, model: MODEL, holdId, usage: { inputTokens: 1000, outputTokens: 20000 } });
    expect(usage.status).toBe(201);
    expect(usage.body.data).toMatchObject({ cost: '0.303', charged: '0.303', balance: '0.047' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.047');
    expect((await holdRow(ctx.strapi, holdId)).status).toBe('settled');
  });

  test('a settled, released or expired hold is a 409 naming its status; an unknown one a 404', async () => {
    const userId = 'ext-closed';
    await fund(ctx.strapi, userId, '1');
    const settled = (await authorize(userId, 'ext-c-1')).body.data.holdId;
    await post('/usage', { requestId: 'ext-c-1', userId, model: MODEL, holdId: settled, usage: { inputTokens: 1 } });
    const released = (await authorize(userId, 'ext-c-2')).body.data.holdId;
    await post(`/holds/${released}/release`, {});
    const expired = (await authorize(userId, 'ext-c-3')).body.data.holdId;
    await ctx.strapi.db.connection('ub_holds').where({ hold_id: expired }).update({ expires_at: new Date(Date.now() - 1000) });

    for (const [holdId, status] of [[settled, 'settled'], [released, 'released'], [expired, 'expired']]) {
      const res = await extend(holdId, { amount: '0.1' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ name: 'HoldNotOpenError', details: { holdId, status } });
      expect((await holdRow(ctx.strapi, holdId)).amount).toBe('100000000');
    }
    const unknown = await extend('hold_nothing', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ name: 'NotFoundError', details: { holdId: 'hold_nothing' } });
  });

  test('a bad body is a 400 naming `amount` and changes nothing; no body at all extends by the prepaid amount', async () => {
    const userId = 'ext-bad';
    await fund(ctx.strapi, userId, '1');
    const { holdId } = (await authorize(userId, 'ext-b-1')).body.data;
    const cases: [unknown, string][] = [
      [{ amount: 0.1 }, 'amount'],
      [{ amount: '0' }, 'amount'],
      [{ amount: '-0.1' }, 'amount'],
      [{ amount: '0.0000000001' }, 'amount'],
      [{ amount: '0.1', extra: true }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await extend(holdId, body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      if (field) expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    expect((await holdRow(ctx.strapi, holdId)).amount).toBe('100000000');
    const noBody = await gatewayPost(ctx, suite.token, `/holds/${holdId}/extend`, undefined);
    expect(noBody.status).toBe(200);
    expect(noBody.body.data).toMatchObject({ held: '0.2', added: '0.1', available: '0.8' });
  });

  test('period mode: reserves against the period credit; 402 InsufficientCreditError when it is used up', async () => {
    await setSettings(ctx.strapi, { mode: 'period', prepaidAmount: '0.1' });
    const userId = 'ext-period';
    const plan = await createPlan(ctx, suite.admin, { name: 'P-ext', periodCredit: '0.25' });
    await grantPlan(ctx, suite.admin, userId, plan.id);
    const auth = await authorize(userId, 'ext-p-1');
    expect(auth.body.data).toMatchObject({ mode: 'period', held: '0.1', remainingCredit: '0.15' });
    const ok = await extend(auth.body.data.holdId, { amount: '0.15' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ held: '0.25', added: '0.15', remainingCredit: '0' });
    const refused = await extend(auth.body.data.holdId, {});
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ name: 'InsufficientCreditError', details: { required: '0.1', available: '0', remainingCredit: '0.25' } });
    expect((await holdRow(ctx.strapi, auth.body.data.holdId)).amount).toBe('250000000');
  });

  test('a token without gateway.extendHold gets 403', async () => {
    const userId = 'ext-rbac';
    await fund(ctx.strapi, userId, '1');
    const { holdId } = (await authorize(userId, 'ext-r-1')).body.data;
    const limited = await apiToken(ctx.strapi, ['gateway.authorize', 'gateway.usage', 'gateway.releaseHold']);
    const res = await gatewayPost(ctx, limited, `/holds/${holdId}/extend`, {});
    expect(res.status).toBe(403);
    expect((await holdRow(ctx.strapi, holdId)).amount).toBe('100000000');
  });
});
