// Holds: what they reserve, release (idempotent), expiry (an expired hold never blocks a user) and the
// sweep job, with the available amount checked through /authorize and the account views.
import { bootForTests } from '../helpers/boot';
import {
  adminGet, balanceOf, fund, gatewaySuite, holdRow, service, setSettings, tableCounts,
} from '../helpers/metering';

const ctx = bootForTests();

describe(`holds (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  const { post } = suite;
  const authorize = (userId: string, requestId: string) => post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId });

  test('authorize passes while available ≥ prepaidAmount (boundary included) and 402s below it, writing nothing', async () => {
    const userId = 'hold-boundary';
    await fund(ctx.strapi, userId, '0.2');
    expect((await authorize(userId, 'hb-1')).body.data).toMatchObject({ held: '0.1', available: '0.1' });
    // available 0.1 == prepaid 0.1: still allowed
    const edge = await authorize(userId, 'hb-2');
    expect(edge.status).toBe(200);
    expect(edge.body.data).toMatchObject({ held: '0.1', available: '0' });
    const before = await tableCounts(ctx.strapi);
    const refused = await authorize(userId, 'hb-3');
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ name: 'InsufficientFundsError', details: { required: '0.1', available: '0' } });
    expect(await tableCounts(ctx.strapi)).toEqual(before);
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.2');
  });

  test('an account that never existed gets 402 and no account row is left behind', async () => {
    const before = await tableCounts(ctx.strapi);
    const res = await authorize('hold-nobody', 'hn-1');
    expect(res.status).toBe(402);
    expect(res.body.error.details).toEqual({ required: '0.1', available: '0' });
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('release makes the amount available again; releasing twice is idempotent; balance never moves', async () => {
    const userId = 'hold-release';
    await fund(ctx.strapi, userId, '0.25');
    const a = await authorize(userId, 'hr-a');
    const b = await authorize(userId, 'hr-b');
    expect(b.body.data.available).toBe('0.05');
    expect((await authorize(userId, 'hr-c')).status).toBe(402);

    const released = await post(`/holds/${a.body.data.holdId}/release`, {});
    expect(released.status).toBe(200);
    expect(released.body.data).toEqual({ holdId: a.body.data.holdId, status: 'released' });
    const again = await post(`/holds/${a.body.data.holdId}/release`, {});
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ holdId: a.body.data.holdId, status: 'released' });

    const detail = await adminGet(ctx, suite.admin, `/accounts/${userId}`);
    expect(detail.body.data).toMatchObject({ balance: '0.25', held: '0.1', available: '0.15' });
    expect(detail.body.data.holds.map((h: any) => h.holdId)).toEqual([b.body.data.holdId]);

    const c = await authorize(userId, 'hr-c');
    expect(c.status).toBe(200);
    expect(c.body.data).toMatchObject({ held: '0.1', available: '0.05' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.25');
  });

  test('releasing a settled hold leaves it settled and does not refund anything', async () => {
    const userId = 'hold-settled';
    await fund(ctx.strapi, userId, '1');
    const auth = await authorize(userId, 'hs-1');
    const used = await post('/usage', { requestId: 'hs-1', userId, model: 'claude-sonnet-4-5', usage: { outputTokens: 2000 } });
    expect(used.body.data).toMatchObject({ cost: '0.03', balance: '0.97' });
    const res = await post(`/holds/${auth.body.data.holdId}/release`, {});
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('settled');
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.97');
  });

  test('a usage report naming the hold by holdId settles it even without a matching requestId', async () => {
    const userId = 'hold-byid';
    await fund(ctx.strapi, userId, '1');
    const auth = await post('/authorize', { userId, model: 'claude-sonnet-4-5' });
    expect(auth.body.data.holdId).toBeDefined();
    await post('/usage', { requestId: 'hbi-1', userId, model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { inputTokens: 1 } });
    expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('settled');
  });

  test('an expired hold does not block authorize; sweepExpired() marks it expired; its late usage still settles and charges', async () => {
    const userId = 'hold-expiry';
    await setSettings(ctx.strapi, { holdTtlSeconds: 10 });
    try {
      await fund(ctx.strapi, userId, '0.1');
      const first = await authorize(userId, 'he-1');
      expect(first.status).toBe(200);
      const row = await holdRow(ctx.strapi, first.body.data.holdId);
      const ttl = new Date(row.expires_at).getTime() - Date.now();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10000);
      expect((await authorize(userId, 'he-2')).status).toBe(402);

      await ctx.strapi.db.connection('ub_holds').where({ hold_id: first.body.data.holdId }).update({ expires_at: new Date(Date.now() - 60000) });
      // Not swept yet (still "open" in the table) but already ignored.
      expect((await holdRow(ctx.strapi, first.body.data.holdId)).status).toBe('open');
      const view = await service(ctx.strapi, 'accounts').detail(userId);
      expect(view).toMatchObject({ held: '0', available: '0.1', holds: [] });
      const second = await authorize(userId, 'he-2');
      expect(second.status).toBe(200);
      expect(second.body.data).toMatchObject({ held: '0.1', available: '0' });

      const swept = await service(ctx.strapi, 'holds').sweepExpired();
      expect(swept).toBeGreaterThanOrEqual(1);
      expect((await holdRow(ctx.strapi, first.body.data.holdId)).status).toBe('expired');
      expect((await holdRow(ctx.strapi, second.body.data.holdId)).status).toBe('open');
      expect(await service(ctx.strapi, 'holds').sweepExpired()).toBe(0);

      // The call behind the expired hold still happened: its report is charged and closes the hold.
      const late = await post('/usage', { requestId: 'he-1', userId, model: 'claude-sonnet-4-5', holdId: first.body.data.holdId, usage: { inputTokens: 1000 } });
      expect(late.status).toBe(201);
      expect(late.body.data).toMatchObject({ charged: '0.003', balance: '0.097' });
      expect((await holdRow(ctx.strapi, first.body.data.holdId)).status).toBe('settled');
    } finally {
      await setSettings(ctx.strapi, { holdTtlSeconds: 900 });
    }
  });

  test('settings refuse a hold TTL below 10 seconds', async () => {
    await expect(setSettings(ctx.strapi, { holdTtlSeconds: 9 })).rejects.toThrow(/holdTtlSeconds/);
    expect((await service(ctx.strapi, 'settings').get()).holdTtlSeconds).toBe(900);
  });
});
