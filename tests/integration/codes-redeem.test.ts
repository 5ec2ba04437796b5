// Redeeming codes: /accounts/:userId/redeem and /me/redeem in usage and period mode, every refusal with
// its status and error name (nothing written), and the 429 window after repeated failures.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { createCodes, redemptionCounts } from '../helpers/codes';
import { adminGet, balanceOf, gatewaySuite, ledgerRows, registerUser, setSettings } from '../helpers/metering';
import { createPlan } from '../helpers/plans';
import { pluginUid } from '../../server/src/utils/plugin-uid';

const ctx = bootForTests();

describe(`redeeming codes (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let backend = '';
  beforeAll(async () => {
    backend = await apiToken(ctx.strapi, ['account.redeem']);
  });
  afterEach(async () => setSettings(ctx.strapi, { mode: 'usage' }));

  const redeem = (userId: string, code: string | number) =>
    request(ctx.server).post(`/api/usage-billing/accounts/${encodeURIComponent(userId)}/redeem`).set('Authorization', `Bearer ${backend}`).send({ code });

  test('a usage code credits its amount through the ledger (kind redemption), matched ignoring case, spaces and dashes', async () => {
    const { codes: [code] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '7.25', description: 'Welcome' });
    const res = await redeem('r-usage', `  ${code.toLowerCase().replace(/-/g, ' ')} `);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ code, mode: 'usage', amount: '7.25', balance: '7.25' });
    const [entry] = await ledgerRows(ctx.strapi, { user_id: 'r-usage' });
    expect(entry).toMatchObject({ kind: 'redemption', amount: '7.25', balance_after: '7.25', actor: `code:${code}`, note: 'Welcome' });
    const list = await adminGet(ctx, suite.admin, `/codes?q=${code}`);
    expect(list.body.data[0]).toMatchObject({ usedCount: 1, status: 'exhausted' });
    const history = await adminGet(ctx, suite.admin, `/codes/${list.body.data[0].id}/redemptions`);
    expect(history.body.data).toEqual([expect.objectContaining({ userId: 'r-usage', amount: '7.25', ledgerReference: entry.reference })]);
  });

  test('a period code starts the plan for its days; the same plan again adds its days; another plan replaces it', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const plan = await createPlan(ctx, suite.admin, { name: 'Code-monthly', periodCredit: '4' });
    const other = await createPlan(ctx, suite.admin, { name: 'Code-other', periodCredit: '9' });
    const { codes: [first, second] } = await createCodes(ctx, suite.admin, { mode: 'period', planId: plan.id, durationDays: 10, count: 2 });
    const before = Date.now();
    const res = await redeem('r-period', first);
    expect(res.status).toBe(200);
    const sub = res.body.data.subscription;
    expect(res.body.data).toMatchObject({ code: first, mode: 'period' });
    expect(sub).toMatchObject({ planId: plan.id, credit: '4', status: 'active', source: `code:${first}` });
    const tenDays = 10 * 86_400_000;
    expect(new Date(sub.endsAt).getTime() - new Date(sub.startedAt).getTime()).toBe(tenDays);
    expect(new Date(sub.startedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // A 10-day grant of a monthly plan: its one period is cut at the end of the grant.
    expect(sub.periodEnd).toBe(sub.endsAt);

    const extended = (await redeem('r-period', second)).body.data.subscription;
    expect(extended.id).toBe(sub.id);
    expect(new Date(extended.endsAt).getTime() - new Date(sub.endsAt).getTime()).toBe(tenDays);

    const { codes: [swap] } = await createCodes(ctx, suite.admin, { mode: 'period', planId: other.id, durationDays: 30 });
    const replaced = (await redeem('r-period', swap)).body.data.subscription;
    expect(replaced).toMatchObject({ planId: other.id, credit: '13' });
    expect(replaced.id).not.toBe(sub.id);
  });

  test('every refusal: its status and error name, and nothing written', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'Refusals' });
    const { codes: [disabled] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1' });
    const { codes: [deleted] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1' });
    const { codes: [expired] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const { codes: [once] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1', totalUses: 1 });
    const { codes: [perUser] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1', totalUses: 10, perUserLimit: 1 });
    const { codes: [periodCode] } = await createCodes(ctx, suite.admin, { mode: 'period', planId: plan.id, durationDays: 5 });
    const knex = ctx.strapi.db.connection;
    await knex('ub_codes').where({ code: disabled }).update({ enabled: false });
    await knex('ub_codes').where({ code: deleted }).update({ deleted_at: new Date() });
    await knex('ub_codes').where({ code: expired }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await redeem('r-once', once)).status).toBe(200);
    expect((await redeem('r-limit', perUser)).status).toBe(200);

    const cases: Array<[string, string, string | number, number, string]> = [
      ['unknown', 'r-a', 'NOPE-NOPE-NOPE', 404, 'CodeNotFoundError'],
      ['disabled', 'r-b', disabled, 404, 'CodeNotFoundError'],
      ['deleted', 'r-c', deleted, 404, 'CodeNotFoundError'],
      ['expired', 'r-d', expired, 409, 'CodeExpiredError'],
      ['exhausted', 'r-e', once, 409, 'CodeExhaustedError'],
      ['per-user limit', 'r-limit', perUser, 409, 'CodeLimitReachedError'],
      ['a period code in usage mode', 'r-f', periodCode, 409, 'CodeNotApplicableError'],
      ['malformed', 'r-g', 42, 400, 'ValidationError'],
      ['empty', 'r-g', ' - ', 400, 'ValidationError'],
    ];
    for (const [what, userId, code, status, name] of cases) {
      const before = await redemptionCounts(ctx.strapi);
      const res = await redeem(userId, code);
      expect({ what, status: res.status, name: res.body.error?.name }).toEqual({ what, status, name });
      expect(await redemptionCounts(ctx.strapi)).toEqual(before);
    }
    // Self mode refuses every code; a usage code in period mode does not apply either.
    const { codes: [fresh] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1' });
    for (const mode of ['self', 'period'] as const) {
      await setSettings(ctx.strapi, { mode });
      const before = await redemptionCounts(ctx.strapi);
      const res = await redeem('r-mode', fresh);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ name: 'CodeNotApplicableError', details: { codeMode: 'usage', billingMode: mode } });
      expect(await redemptionCounts(ctx.strapi)).toEqual(before);
    }
    expect(await balanceOf(ctx.strapi, 'r-mode')).toBeNull();
  });

  test('repeated failures answer 429 for the rest of the window, on every route of that user; the window then ends', async () => {
    ctx.strapi.config.set(pluginUid('redeemMaxFailures'), 3);
    ctx.strapi.config.set(pluginUid('redeemWindowSeconds'), 2);
    try {
      const { codes: [good] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '1' });
      for (let i = 0; i < 3; i += 1) expect((await redeem('r-guess', `WRONG-${i}`)).status).toBe(404);
      const blocked = await redeem('r-guess', good);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toMatchObject({ name: 'TooManyRedeemAttemptsError', details: { retryAfterSeconds: expect.any(Number) } });
      // Another user is not affected.
      expect((await redeem('r-other', 'WRONG-X')).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await redeem('r-guess', good)).status).toBe(200);
    } finally {
      ctx.strapi.config.set(pluginUid('redeemMaxFailures'), 5);
      ctx.strapi.config.set(pluginUid('redeemWindowSeconds'), 600);
    }
  });

  test('/me/redeem: the logged-in user redeems for themselves; failures also count per client address', async () => {
    const { jwt, user } = await registerUser(ctx, 'redeemer');
    const { codes: [code] } = await createCodes(ctx, suite.admin, { mode: 'usage', amount: '3' });
    const me = (body: object, token = jwt) => request(ctx.server).post('/api/usage-billing/me/redeem').set('Authorization', `Bearer ${token}`).send(body);
    const res = await me({ code });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ balance: '3' });
    expect(await balanceOf(ctx.strapi, String(user.id))).toBe('3');
    expect((await request(ctx.server).post('/api/usage-billing/me/redeem').send({ code })).status).toBe(401);

    ctx.strapi.config.set(pluginUid('redeemMaxFailures'), 2);
    try {
      const { jwt: a } = await registerUser(ctx, 'guesser');
      const { jwt: b } = await registerUser(ctx, 'guesser');
      // Two users from one address: the address is throttled once it has failed twice.
      expect((await me({ code: 'WRONG-A' }, a)).status).toBe(404);
      expect((await me({ code: 'WRONG-B' }, b)).status).toBe(404);
      expect((await me({ code: 'WRONG-C' }, b)).status).toBe(429);
    } finally {
      ctx.strapi.config.set(pluginUid('redeemMaxFailures'), 5);
      await ctx.strapi.db.connection('ub_redeem_attempts').delete();
    }
  });

  test('the period-mode user view offers redeem', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const viewer = await apiToken(ctx.strapi, ['account.show']);
    const view = await request(ctx.server).get('/api/usage-billing/accounts/r-view').set('Authorization', `Bearer ${viewer}`);
    expect(view.body.data.actions).toEqual(['redeem']);
  });
});
