// Period mode end to end: /authorize reserves subscription credit with holds, /usage consumes it in the
// transaction that writes the log; renewals, upgrades, switches, cancellation, lifetime plans, the sweep
// and the period-mode user view.
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { adminGet, adminPut, contentGet, gatewaySuite, holdRow, logRow, service, tableCounts } from '../helpers/metering';
import { ageSubscriptions, createPlan, grantPlan, subscriptionRows } from '../helpers/plans';

const ctx = bootForTests();

describe(`period mode (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'period', prepaidAmount: '0.1' });
  const { post } = suite;
  let viewer = '';
  beforeAll(async () => {
    viewer = await apiToken(ctx.strapi, ['account.show']);
  });

  const subscriptionOf = async (userId: string) => (await adminGet(ctx, suite.admin, `/accounts/${userId}`)).body.data.subscription;
  /** authorize + usage of `outputTokens` output tokens of claude-sonnet-4-5 (15 per 1M: 1,000 tokens = 0.015). */
  const call = async (userId: string, requestId: string, outputTokens: number) => {
    const auth = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId });
    if (auth.status !== 200) return { auth, used: null };
    const used = await post('/usage', { requestId, userId, model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { outputTokens } });
    return { auth, used };
  };

  test('authorize holds the prepaid amount against the credit; usage consumes the real bill and settles the hold', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-basic', periodCredit: '1' });
    await grantPlan(ctx, suite.admin, 'pm-basic', plan.id);
    const { auth, used } = await call('pm-basic', 'pm-basic-1', 1000);
    expect(auth.status).toBe(200);
    expect(auth.body.data).toMatchObject({ allowed: true, mode: 'period', held: '0.1', remainingCredit: '0.9' });
    expect(used!.status).toBe(201);
    expect(used!.body.data).toMatchObject({ mode: 'period', cost: '0.015', charged: '0.015', remainingCredit: '0.985', flags: [] });
    expect(used!.body.data).not.toHaveProperty('balance');
    expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('settled');
    expect(await logRow(ctx.strapi, 'pm-basic-1')).toMatchObject({ billing_mode: 'period', cost: '0.015', charged: '0.015' });
    expect(await subscriptionOf('pm-basic')).toMatchObject({ credit: '1', used: '0.015', remaining: '0.985' });
    // No money moved: period credit is not a balance.
    expect((await tableCounts(ctx.strapi)).ledger).toBe(0);
  });

  test('402 InsufficientCreditError when remaining − holds < prepaid; a bill above what is left is recorded in full, then refused', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-small', periodCredit: '0.25' });
    await grantPlan(ctx, suite.admin, 'pm-small', plan.id);
    const a = await post('/authorize', { userId: 'pm-small', model: 'claude-sonnet-4-5', requestId: 'pm-small-a' });
    const b = await post('/authorize', { userId: 'pm-small', model: 'claude-sonnet-4-5', requestId: 'pm-small-b' });
    expect([a.status, b.status]).toEqual([200, 200]);
    const before = await tableCounts(ctx.strapi);
    const c = await post('/authorize', { userId: 'pm-small', model: 'claude-sonnet-4-5', requestId: 'pm-small-c' });
    expect(c.status).toBe(402);
    expect(c.body.error).toMatchObject({ name: 'InsufficientCreditError', details: { required: '0.1', available: '0.05', remainingCredit: '0.25' } });
    expect(await tableCounts(ctx.strapi)).toEqual(before);
    // 20,000 output tokens = 0.3: more than the 0.25 left. Recorded and charged in full.
    const big = await post('/usage', { requestId: 'pm-small-a', userId: 'pm-small', model: 'claude-sonnet-4-5', holdId: a.body.data.holdId, usage: { outputTokens: 20000 } });
    expect(big.body.data).toMatchObject({ cost: '0.3', charged: '0.3', remainingCredit: '-0.05' });
    const refused = await post('/authorize', { userId: 'pm-small', model: 'claude-sonnet-4-5', requestId: 'pm-small-d' });
    expect(refused.body.error).toMatchObject({ name: 'InsufficientCreditError', details: { available: '-0.15', remainingCredit: '-0.05' } });
    // Credit exactly equal to held + prepaid is allowed, nothing left is not ("and > 0" with prepaid 0).
    await service(ctx.strapi, 'settings').update({ prepaidAmount: '0' });
    try {
      await post('/holds/' + b.body.data.holdId + '/release', {});
      const zero = await post('/authorize', { userId: 'pm-small', model: 'claude-sonnet-4-5', requestId: 'pm-small-e' });
      expect(zero.status).toBe(402);
    } finally {
      await service(ctx.strapi, 'settings').update({ prepaidAmount: '0.1' });
    }
  });

  test('no subscription: 402 NoActiveSubscriptionError; free models always pass; a free model\'s paid tools consume credit', async () => {
    const none = await post('/authorize', { userId: 'pm-free', model: 'claude-sonnet-4-5' });
    expect(none.status).toBe(402);
    expect(none.body.error.name).toBe('NoActiveSubscriptionError');
    const free = await post('/authorize', { userId: 'pm-free', model: 'llama-3.1-8b' });
    expect(free.body.data).toEqual({ allowed: true, mode: 'period' });

    const plan = await createPlan(ctx, suite.admin, { name: 'P-free', periodCredit: '1' });
    await grantPlan(ctx, suite.admin, 'pm-free', plan.id);
    const noTools = await post('/usage', { requestId: 'pm-free-1', userId: 'pm-free', model: 'llama-3.1-8b', usage: { inputTokens: 5000, outputTokens: 5000 } });
    expect(noTools.body.data).toMatchObject({ cost: '0', charged: '0', remainingCredit: '1' });
    const withTools = await post('/usage', { requestId: 'pm-free-2', userId: 'pm-free', model: 'llama-3.1-8b', usage: {}, tools: [{ tool: 'web_search', calls: 2 }] });
    expect(withTools.body.data).toMatchObject({ cost: '0.02', charged: '0.02', remainingCredit: '0.98' });
  });

  test('a new period restores the credit in full (unused credit does not roll over); a plan edited mid-period applies from then', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-renew', periodCredit: '2' });
    await grantPlan(ctx, suite.admin, 'pm-renew', plan.id);
    await call('pm-renew', 'pm-renew-1', 10000); // 0.15
    await service(ctx.strapi, 'subscriptions').renew('pm-renew'); // the next month is paid
    await adminPut(ctx, suite.admin, `/plans/${plan.id}`, { periodCredit: '3' });
    expect(await subscriptionOf('pm-renew')).toMatchObject({ credit: '2', used: '0.15', remaining: '1.85' });

    await ageSubscriptions(ctx.strapi, 'pm-renew', 32); // the first month is over
    // Reads already show the new period before anything is written.
    expect(await subscriptionOf('pm-renew')).toMatchObject({ status: 'active', credit: '3', used: '0', remaining: '3' });
    const next = await call('pm-renew', 'pm-renew-2', 1000);
    expect(next.used!.body.data).toMatchObject({ charged: '0.015', remainingCredit: '2.985' });
    const [row] = await subscriptionRows(ctx.strapi, 'pm-renew');
    expect(row).toMatchObject({ status: 'active', credit: '3000000000', used: '15000000' });

    // And when the paid months are over, the subscription has ended: calls are refused.
    await ageSubscriptions(ctx.strapi, 'pm-renew', 32);
    expect((await post('/authorize', { userId: 'pm-renew', model: 'claude-sonnet-4-5' })).body.error.name).toBe('NoActiveSubscriptionError');
    // The refusal wrote nothing; the sweep marks the row.
    await service(ctx.strapi, 'subscriptions').sweepEnded();
    expect((await subscriptionRows(ctx.strapi, 'pm-renew'))[0]).toMatchObject({ status: 'expired', active_key: null });
  });

  test('upgrade (a dearer plan, now): the old subscription ends, its unused credit is carried into the new first period', async () => {
    const small = await createPlan(ctx, suite.admin, { name: 'P-up-small', price: '5', periodCredit: '1' });
    const large = await createPlan(ctx, suite.admin, { name: 'P-up-large', price: '20', periodCredit: '10' });
    await grantPlan(ctx, suite.admin, 'pm-up', small.id);
    await call('pm-up', 'pm-up-1', 20000); // 0.3 used, 0.7 left
    const upgraded = await service(ctx.strapi, 'subscriptions').start('pm-up', large.id, { source: 'test' });
    expect(upgraded).toMatchObject({ planName: 'P-up-large', credit: '10.7', used: '0', remaining: '10.7' });
    expect((await subscriptionRows(ctx.strapi, 'pm-up')).map((r: any) => r.status)).toEqual(['expired', 'active']);
  });

  test('switch (a cheaper plan) takes effect at the next period; a dearer one is refused as a switch', async () => {
    const pro = await createPlan(ctx, suite.admin, { name: 'P-sw-pro', price: '20', periodCredit: '10' });
    const lite = await createPlan(ctx, suite.admin, { name: 'P-sw-lite', price: '5', periodCredit: '2' });
    await grantPlan(ctx, suite.admin, 'pm-sw', lite.id);
    const dearer = await service(ctx.strapi, 'subscriptions').switchPlan('pm-sw', pro.id).then(() => null, (e: any) => e);
    expect(dearer).toMatchObject({ status: 409, name: 'PlanNotAvailableError', details: { reason: 'not-cheaper' } });

    await grantPlan(ctx, suite.admin, 'pm-sw2', pro.id);
    const switched = await service(ctx.strapi, 'subscriptions').switchPlan('pm-sw2', lite.id);
    expect(switched).toMatchObject({ planName: 'P-sw-pro', credit: '10', nextPlanId: lite.id, nextPlanName: 'P-sw-lite' });
    expect(new Date(switched.endsAt!).getTime()).toBeGreaterThan(new Date(switched.periodEnd!).getTime());
    await ageSubscriptions(ctx.strapi, 'pm-sw2', 32);
    expect(await subscriptionOf('pm-sw2')).toMatchObject({ planId: lite.id, planName: 'P-sw-lite', credit: '2', used: '0', nextPlanId: null });
  });

  test('cancel: usable to the period end, then ended as cancelled (the sweep marks it; reads and calls see it before)', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-cancel', periodCredit: '1' });
    await grantPlan(ctx, suite.admin, 'pm-cancel', plan.id);
    await service(ctx.strapi, 'subscriptions').cancel('pm-cancel');
    expect((await call('pm-cancel', 'pm-cancel-1', 1000)).used!.status).toBe(201);
    await ageSubscriptions(ctx.strapi, 'pm-cancel', 32);
    expect(await subscriptionOf('pm-cancel')).toBeNull();
    const history = await adminGet(ctx, suite.admin, '/accounts/pm-cancel/subscriptions');
    expect(history.body.data[0]).toMatchObject({ status: 'cancelled' });
    expect(await service(ctx.strapi, 'subscriptions').sweepEnded()).toBeGreaterThanOrEqual(1);
    expect((await subscriptionRows(ctx.strapi, 'pm-cancel'))[0]).toMatchObject({ status: 'cancelled', active_key: null });
  });

  test('lifetime: one credit that never resets, no period end', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-life', interval: 'lifetime', price: '99', periodCredit: '1' });
    const sub = await grantPlan(ctx, suite.admin, 'pm-life', plan.id);
    expect(sub).toMatchObject({ interval: 'lifetime', periodEnd: null, endsAt: null, credit: '1' });
    await call('pm-life', 'pm-life-1', 1000);
    await ageSubscriptions(ctx.strapi, 'pm-life', 3650);
    expect(await subscriptionOf('pm-life')).toMatchObject({ status: 'active', used: '0.015', remaining: '0.985' });
  });

  test('at most one active subscription per user, guarded by the database itself', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'P-unique' });
    await grantPlan(ctx, suite.admin, 'pm-unique', plan.id);
    const knex = ctx.strapi.db.connection;
    const [row] = await knex('ub_subscriptions').select('*').where({ user_id: 'pm-unique' });
    const { id, ...copy } = row;
    const error = await knex('ub_subscriptions').insert({ ...copy, document_id: 'x'.repeat(24) }).then(() => null, (e: Error) => e);
    expect(error).not.toBeNull();
    expect(await subscriptionRows(ctx.strapi, 'pm-unique')).toHaveLength(1);
    void id;
  });

  test('user view: the subscription and the enabled plans in sort order, each with this user\'s action', async () => {
    // Only this test's plans are enabled.
    for (const p of (await adminGet(ctx, suite.admin, '/plans')).body.data) await adminPut(ctx, suite.admin, `/plans/${p.id}`, { enabled: false });
    const cheap = await createPlan(ctx, suite.admin, { name: 'V-cheap', price: '5', periodCredit: '2', sortOrder: 1, notes: ['Free models do not count'] });
    const mid = await createPlan(ctx, suite.admin, { name: 'V-mid', price: '10', discount: '10', periodCredit: '5', sortOrder: 2 });
    const life = await createPlan(ctx, suite.admin, { name: 'V-life', interval: 'lifetime', price: '100', periodCredit: '50', sortOrder: 3 });
    await createPlan(ctx, suite.admin, { name: 'V-off', enabled: false, sortOrder: 0 });

    const before = await contentGet(ctx, viewer, '/accounts/pm-view');
    expect(before.body.data).toMatchObject({ mode: 'period', subscription: null, actions: ['redeem'] });
    expect(before.body.data.plans.map((p: any) => [p.name, p.action])).toEqual([['V-cheap', 'subscribe'], ['V-mid', 'subscribe'], ['V-life', 'subscribe']]);
    expect(before.body.data.plans[1]).toEqual({
      id: mid.id, name: 'V-mid', description: null, interval: 'monthly', price: '10', discount: '10', finalPrice: '9.00', currency: 'USD',
      periodCredit: '5', notes: [], action: 'subscribe',
    });

    await grantPlan(ctx, suite.admin, 'pm-view', mid.id);
    const during = await contentGet(ctx, viewer, '/accounts/pm-view');
    expect(during.body.data.subscription).toMatchObject({ planId: mid.id, planName: 'V-mid', interval: 'monthly', status: 'active', credit: '5', used: '0', remaining: '5' });
    expect(during.body.data.plans.map((p: any) => p.action)).toEqual(['switch', 'renew', 'upgrade']);

    await grantPlan(ctx, suite.admin, 'pm-view', life.id);
    const lifetime = await contentGet(ctx, viewer, '/accounts/pm-view');
    expect(lifetime.body.data.plans.map((p: any) => p.action)).toEqual(['unavailable', 'unavailable', 'current']);
    void cheap;
  });
});
