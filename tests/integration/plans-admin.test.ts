// Plans and subscriptions through the admin API: validation, impact counts, deletion rules, the admin
// grant and cancel, and subscription history.
import { bootForTests } from '../helpers/boot';
import { limitedAdminToken } from '../helpers/auth';
import { adminGet, adminPost, adminPut, gatewaySuite } from '../helpers/metering';
import { adminDelete, createPlan, grantPlan, subscriptionRows } from '../helpers/plans';

const ctx = bootForTests();

describe(`plans admin API (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'period', prepaidAmount: '0.1' });
  const planCount = async () => Number((await ctx.strapi.db.connection('ub_plans').count({ c: '*' }))[0].c);

  test('create: defaults applied, final price = price less discount rounded half-up to the cent; list in sort order', async () => {
    const res = await adminPost(ctx, suite.admin, '/plans', {
      name: 'Pro', description: 'For builders', price: '9.99', interval: 'monthly', periodCredit: '12.5', discount: '20', sortOrder: 2,
      notes: ['Free models do not count against credit', 'Credit resets every month'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      id: expect.any(Number), name: 'Pro', description: 'For builders', price: '9.99', currency: 'USD', interval: 'monthly',
      periodCredit: '12.5', discount: '20', finalPrice: '7.99', enabled: true, sortOrder: 2,
      notes: ['Free models do not count against credit', 'Credit resets every month'], activeSubscriptions: 0, subscriptions: 0,
    });
    const basic = await createPlan(ctx, suite.admin, { name: 'Basic', price: '0.125', discount: '0', sortOrder: 1 });
    expect(basic).toMatchObject({ finalPrice: '0.13', description: null, notes: [], enabled: true });
    const list = await adminGet(ctx, suite.admin, '/plans');
    expect(list.status).toBe(200);
    const names = list.body.data.map((p: { name: string }) => p.name);
    expect(names.indexOf('Basic')).toBeLessThan(names.indexOf('Pro'));
  });

  test.each([
    [{ price: '10', interval: 'monthly', periodCredit: '5' }, 'name', 'is required'],
    [{ name: 'X', interval: 'monthly', periodCredit: '5' }, 'price', 'is required'],
    [{ name: 'X', price: 10, interval: 'monthly', periodCredit: '5' }, 'price', 'JSON numbers are not accepted'],
    [{ name: 'X', price: '-1', interval: 'monthly', periodCredit: '5' }, 'price', 'non-negative'],
    [{ name: 'X', price: '1', interval: 'weekly', periodCredit: '5' }, 'interval', 'must be one of monthly, yearly, lifetime'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '1.0000000001' }, 'periodCredit', 'at most 9 digits'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '5', discount: '120' }, 'discount', 'from "0" to "100"'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '5', currency: 'EUR' }, 'currency', 'billing currency "USD"'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '5', notes: 'one line' }, 'notes', 'array'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '5', sortOrder: 1.5 }, 'sortOrder', 'integer'],
    [{ name: 'X', price: '1', interval: 'monthly', periodCredit: '5', color: 'red' }, 'color', 'color'],
  ])('create %j → 400 naming %s, nothing written', async (body, field, message) => {
    const before = await planCount();
    const res = await adminPost(ctx, suite.admin, '/plans', body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    const error = res.body.error.details.errors.find((e: { field: string }) => e.field === field) ?? res.body.error.details.errors[0];
    expect(error.field).toBe(field);
    expect(`${error.message} ${res.body.error.message}`).toContain(message);
    expect(await planCount()).toBe(before);
  });

  test('edit and disable answer how many active subscriptions they touch; the running subscription keeps its terms', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'Team', price: '50', periodCredit: '60' });
    await grantPlan(ctx, suite.admin, 'plan-edit-a', plan.id);
    await grantPlan(ctx, suite.admin, 'plan-edit-b', plan.id);
    const edit = await adminPut(ctx, suite.admin, `/plans/${plan.id}`, { periodCredit: '80', price: '55' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ data: { periodCredit: '80', price: '55', finalPrice: '55.00', activeSubscriptions: 2 }, meta: { activeSubscriptions: 2 } });
    const disable = await adminPut(ctx, suite.admin, `/plans/${plan.id}`, { enabled: false });
    expect(disable.body).toMatchObject({ data: { enabled: false }, meta: { activeSubscriptions: 2 } });
    // Snapshot: still the credit and terms it was granted with.
    const account = await adminGet(ctx, suite.admin, '/accounts/plan-edit-a');
    expect(account.body.data.subscription).toMatchObject({ planId: plan.id, planName: 'Team', credit: '60', used: '0', remaining: '60', status: 'active' });
    // A disabled plan cannot be granted any more.
    const refused = await adminPost(ctx, suite.admin, '/accounts/plan-edit-c/subscription', { planId: plan.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ name: 'PlanNotAvailableError', details: { planId: plan.id, reason: 'disabled' } });
    expect(await subscriptionRows(ctx.strapi, 'plan-edit-c')).toEqual([]);
  });

  test('delete: a plan never subscribed to is deleted; one with subscriptions is refused with 409 (disable it instead)', async () => {
    const unused = await createPlan(ctx, suite.admin, { name: 'Unused' });
    const gone = await adminDelete(ctx, suite.admin, `/plans/${unused.id}`);
    expect(gone.status).toBe(200);
    expect(gone.body.data).toMatchObject({ id: unused.id, name: 'Unused' });
    expect((await adminGet(ctx, suite.admin, '/plans')).body.data.map((p: { id: number }) => p.id)).not.toContain(unused.id);

    const used = await createPlan(ctx, suite.admin, { name: 'Used' });
    await grantPlan(ctx, suite.admin, 'plan-del-user', used.id);
    await adminPost(ctx, suite.admin, '/accounts/plan-del-user/subscription/cancel', {});
    const refused = await adminDelete(ctx, suite.admin, `/plans/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ name: 'PlanInUseError', details: { planId: used.id, subscriptions: 1 } });
    expect((await adminGet(ctx, suite.admin, '/plans')).body.data.map((p: { id: number }) => p.id)).toContain(used.id);
    expect((await adminDelete(ctx, suite.admin, '/plans/999999')).status).toBe(404);
    expect((await adminDelete(ctx, suite.admin, '/plans/abc')).status).toBe(400);
  });

  test('grant: starts now for one month with the plan credit, written with the admin as its source; a second grant replaces it', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'Grant-1', periodCredit: '3' });
    const other = await createPlan(ctx, suite.admin, { name: 'Grant-2', periodCredit: '7' });
    const before = Date.now();
    const first = await grantPlan(ctx, suite.admin, 'grant-user', plan.id);
    expect(first).toMatchObject({ planId: plan.id, planName: 'Grant-1', interval: 'monthly', status: 'active', credit: '3', used: '0', remaining: '3', cancelledAt: null, nextPlanId: null });
    expect(first.source).toMatch(/^admin:\d+/);
    const start = new Date(first.periodStart);
    expect(start.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const expectedEnd = new Date(start);
    expectedEnd.setUTCMonth(expectedEnd.getUTCMonth() + 1);
    if (expectedEnd.getUTCDate() !== start.getUTCDate()) expectedEnd.setUTCDate(0); // clamped to the month's end
    expect(first.periodEnd).toBe(expectedEnd.toISOString());
    expect(first.endsAt).toBe(first.periodEnd);

    // The replacement carries the unused credit of the replaced period (3 here).
    const second = await grantPlan(ctx, suite.admin, 'grant-user', other.id);
    expect(second).toMatchObject({ planId: other.id, credit: '10', remaining: '10' });
    const rows = await subscriptionRows(ctx.strapi, 'grant-user');
    expect(rows.map((r: any) => [r.status, r.active_key])).toEqual([['expired', null], ['active', 'grant-user']]);
    const history = await adminGet(ctx, suite.admin, '/accounts/grant-user/subscriptions');
    expect(history.body.data.map((s: { planName: string; status: string }) => [s.planName, s.status])).toEqual([['Grant-2', 'active'], ['Grant-1', 'expired']]);
  });

  test('grant refusals: unknown plan 404, bad body 400; cancel without a subscription 404', async () => {
    expect((await adminPost(ctx, suite.admin, '/accounts/g-x/subscription', { planId: 999999 })).status).toBe(404);
    const bad = await adminPost(ctx, suite.admin, '/accounts/g-x/subscription', { planId: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].field).toBe('planId');
    const none = await adminPost(ctx, suite.admin, '/accounts/g-x/subscription/cancel', {});
    expect(none.status).toBe(404);
    expect(await subscriptionRows(ctx.strapi, 'g-x')).toEqual([]);
  });

  test('cancel: keeps running to the end of the period, marked cancelled', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'Cancel-me' });
    const granted = await grantPlan(ctx, suite.admin, 'cancel-user', plan.id);
    const res = await adminPost(ctx, suite.admin, '/accounts/cancel-user/subscription/cancel', {});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'active', endsAt: granted.periodEnd, periodEnd: granted.periodEnd, cancelledAt: expect.any(String) });
  });

  test('RBAC: plans.read lists but cannot create; accounts.read cannot grant', async () => {
    const reader = await limitedAdminToken(ctx.strapi, ['plans.read', 'accounts.read']);
    expect((await adminGet(ctx, reader, '/plans')).status).toBe(200);
    expect((await adminPost(ctx, reader, '/plans', { name: 'no', price: '1', interval: 'monthly', periodCredit: '1' })).status).toBe(403);
    const plan = await createPlan(ctx, suite.admin, { name: 'RBAC' });
    expect((await adminPost(ctx, reader, '/accounts/rbac-user/subscription', { planId: plan.id })).status).toBe(403);
    expect((await adminGet(ctx, reader, '/accounts/rbac-user/subscriptions')).status).toBe(200);
  });

  test('mode impact counts running subscriptions only (an ended one the sweep has not marked yet does not count)', async () => {
    const impact = async () => (await adminGet(ctx, suite.admin, '/settings/mode-impact?mode=usage')).body.data.activeSubscriptions;
    const before = await impact();
    const plan = await createPlan(ctx, suite.admin, { name: 'Impact' });
    await grantPlan(ctx, suite.admin, 'impact-user', plan.id);
    expect(await impact()).toBe(before + 1);
    // Switching to period mode puts them to use: counted in that direction too (it used to answer 0).
    expect((await adminGet(ctx, suite.admin, '/settings/mode-impact?mode=period')).body.data.activeSubscriptions).toBe(before + 1);
    await ctx.strapi.db.connection('ub_subscriptions').where({ user_id: 'impact-user' }).update({ ends_at: new Date(Date.now() - 1000) });
    expect(await impact()).toBe(before);
  });
});
