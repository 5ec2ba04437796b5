// Admin side of accounts: manual adjustments (ledger entry with the admin as actor), account list and
// search, detail with holds, ledger pages, reconcile (incl. a crafted mismatch), mode impact and RBAC.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken, limitedAdminToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import {
  GATEWAY_ACTIONS, adminGet, adminPost, balanceOf, expectLedgerConsistent, fund, gatewayPost, ledgerRows, reportVia, tableCounts,
} from '../helpers/metering';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

describe(`admin accounts (${process.env.TEST_DB})`, () => {
  let admin: string;
  let gateway: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' });
    admin = await adminToken(ctx.strapi);
    gateway = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));
  const adjust = (userId: string, body: unknown, jwt = admin) => adminPost(ctx, jwt, `/accounts/${userId}/adjust`, body);

  test('adjust credits and debits with exact decimals; the ledger entry names the admin as actor', async () => {
    const credit = await adjust('acct-a', { amount: '12.345678901', reason: 'welcome credit' });
    expect(credit.status).toBe(201);
    expect(credit.body.data).toMatchObject({
      userId: 'acct-a', balance: '12.345678901',
      entry: { kind: 'adjustment', amount: '12.345678901', balanceAfter: '12.345678901', note: 'welcome credit' },
    });
    const actor: string = credit.body.data.entry.actor;
    const [, adminId] = actor.match(/^admin:(\d+) \((admin\d+-\d+@example\.com)\)$/) ?? [];
    expect(adminId).toBeDefined();
    expect(await ctx.strapi.db.query('admin::user').findOne({ where: { id: Number(adminId) } })).not.toBeNull();

    const debit = await adjust('acct-a', { amount: '-2.345678901', reason: 'correction' });
    expect(debit.status).toBe(201);
    expect(debit.body.data).toMatchObject({ balance: '10', entry: { amount: '-2.345678901', balanceAfter: '10' } });
    // A debit may take the balance below zero.
    const below = await adjust('acct-a', { amount: '-10.5', reason: 'chargeback' });
    expect(below.body.data.balance).toBe('-0.5');
    expect((await ledgerRows(ctx.strapi, { user_id: 'acct-a' })).map((e) => [e.kind, e.amount, e.balance_after, e.actor, e.note])).toEqual([
      ['adjustment', '12.345678901', '12.345678901', actor, 'welcome credit'],
      ['adjustment', '-2.345678901', '10', actor, 'correction'],
      ['adjustment', '-10.5', '-0.5', actor, 'chargeback'],
    ]);
    expect(await balanceOf(ctx.strapi, 'acct-a')).toBe('-0.5');
  });

  test.each([
    ['a numeric amount', { amount: 5, reason: 'x' }, 'amount'],
    ['a zero amount', { amount: '0', reason: 'x' }, 'amount'],
    ['more than 9 decimals', { amount: '1.0000000001', reason: 'x' }, 'amount'],
    ['an exponent', { amount: '1e3', reason: 'x' }, 'amount'],
    ['a missing reason', { amount: '1' }, 'reason'],
    ['an empty reason', { amount: '1', reason: '' }, 'reason'],
    ['an array body', [{ amount: '1', reason: 'x' }], ''],
  ])('adjust with %s → 400 naming the field, nothing written', async (_what, body, field) => {
    const before = await tableCounts(ctx.strapi);
    const res = await adjust('acct-invalid', body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toContain(field);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('adjust with an unknown field → 400, nothing written', async () => {
    const before = await tableCounts(ctx.strapi);
    const res = await adjust('acct-invalid', { amount: '1', reason: 'x', actor: 'someone-else' });
    expect(res.status).toBe(400);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('an adjustment retried with the same reference → 409 ConflictError, credited once', async () => {
    const body = { amount: '5', reason: 'goodwill', reference: 'ticket-42' };
    expect((await adjust('acct-ref', body)).status).toBe(201);
    const counts = await tableCounts(ctx.strapi);
    const retry = await adjust('acct-ref', body);
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect(await balanceOf(ctx.strapi, 'acct-ref')).toBe('5');
    expect(retry.status).toBe(409);
    expect(retry.body.error).toMatchObject({ name: 'ConflictError', details: { reference: 'ticket-42' } });
  });

  test('list: search narrows by userId, pagination counts, balances/held/available are exact', async () => {
    await fund(ctx.strapi, 'list-1', '1.5');
    await fund(ctx.strapi, 'list-2', '2');
    await fund(ctx.strapi, 'list-3', '3');
    const auth = await gatewayPost(ctx, gateway, '/authorize', { userId: 'list-2', model: 'claude-sonnet-4-5', requestId: 'list-2-r' });
    expect(auth.status).toBe(200);

    const page1 = await adminGet(ctx, admin, '/accounts?search=list-&pageSize=2');
    expect(page1.status).toBe(200);
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(page1.body.data.map((a: any) => [a.userId, a.balance, a.held, a.available])).toEqual([
      ['list-1', '1.5', '0', '1.5'], ['list-2', '2', '0.1', '1.9'],
    ]);
    const page2 = await adminGet(ctx, admin, '/accounts?search=list-&pageSize=2&page=2');
    expect(page2.body.data.map((a: any) => a.userId)).toEqual(['list-3']);
    const none = await adminGet(ctx, admin, '/accounts?search=nobody-here');
    expect(none.body).toMatchObject({ data: [], meta: { pagination: { total: 0 } } });
    expect((await adminGet(ctx, admin, '/accounts?pageSize=1000')).status).toBe(400);
  });

  test('search treats "_" and "%" in the search text literally on every database', async () => {
    await fund(ctx.strapi, 'team_a-1', '1');
    await fund(ctx.strapi, 'teamXa-2', '1');
    await fund(ctx.strapi, '50%off', '1');
    const underscore = await adminGet(ctx, admin, `/accounts?search=${encodeURIComponent('team_a')}`);
    expect(underscore.body.data.map((a: any) => a.userId)).toEqual(['team_a-1']);
    const percent = await adminGet(ctx, admin, `/accounts?search=${encodeURIComponent('0%o')}`);
    expect(percent.body.data.map((a: any) => a.userId)).toEqual(['50%off']);
  });

  test('detail shows open holds and usage totals; ledger lists entries newest first with pagination; unknown → 404', async () => {
    await fund(ctx.strapi, 'acct-detail', '1');
    const auth = await gatewayPost(ctx, gateway, '/authorize', { userId: 'acct-detail', model: 'claude-sonnet-4-5', requestId: 'ad-open' });
    await reportVia(ctx.strapi, { requestId: 'ad-used', userId: 'acct-detail', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 } });

    const detail = await adminGet(ctx, admin, '/accounts/acct-detail');
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      userId: 'acct-detail', balance: '0.982', held: '0.1', available: '0.882', status: 'active', subscription: null,
      usage: { calls: '1', tokens: '2000', cost: '0.018', charged: '0.018' },
    });
    expect(detail.body.data.holds).toEqual([
      { holdId: auth.body.data.holdId, amount: '0.1', status: 'open', expiresAt: expect.any(String), requestId: 'ad-open' },
    ]);

    const ledger = await adminGet(ctx, admin, '/accounts/acct-detail/ledger');
    expect(ledger.status).toBe(200);
    expect(ledger.body.data.map((e: any) => [e.kind, e.amount, e.balanceAfter, e.reference])).toEqual([
      ['usage', '-0.018', '0.982', 'ad-used'], ['adjustment', '1', '1', null],
    ]);
    expect(ledger.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 2 });
    const second = await adminGet(ctx, admin, '/accounts/acct-detail/ledger?page=2&pageSize=1');
    expect(second.body.data.map((e: any) => e.kind)).toEqual(['adjustment']);

    for (const path of ['/accounts/acct-missing', '/accounts/acct-missing/ledger']) {
      const res = await adminGet(ctx, admin, path);
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    }
  });

  test('reconcile reports no mismatch normally, and reports a balance changed behind the ledger\'s back', async () => {
    await fund(ctx.strapi, 'acct-drift', '2.5');
    const clean = await adminGet(ctx, admin, '/reconcile');
    expect(clean.status).toBe(200);
    const accounts = Number((await ctx.strapi.db.connection('ub_accounts').count({ c: '*' }).first())!.c);
    expect(clean.body.data).toEqual({ accounts, mismatches: [] });

    const knex = ctx.strapi.db.connection;
    await knex('ub_accounts').where({ user_id: 'acct-drift' }).update({ balance: '2500000001' });
    try {
      const drift = await adminGet(ctx, admin, '/reconcile');
      expect(drift.body.data.mismatches).toEqual([{ userId: 'acct-drift', balance: '2.500000001', ledgerSum: '2.5', difference: '0.000000001' }]);
    } finally {
      await knex('ub_accounts').where({ user_id: 'acct-drift' }).update({ balance: '2500000000' });
    }
    expect((await adminGet(ctx, admin, '/reconcile')).body.data.mismatches).toEqual([]);
  });

  test('mode impact counts balances, subscriptions and open holds for every direction (to usage mode too)', async () => {
    const knex = ctx.strapi.db.connection;
    const withBalance = Number((await knex('ub_accounts').whereNot('balance', '0').count({ c: '*' }).first())!.c);
    const open = Number((await knex('ub_holds').where({ status: 'open' }).andWhere('expires_at', '>', new Date()).count({ c: '*' }).first())!.c);
    expect(open).toBeGreaterThan(0);
    const self = await adminGet(ctx, admin, '/settings/mode-impact?mode=self');
    expect(self.status).toBe(200);
    expect(withBalance).toBeGreaterThan(0);
    expect(self.body.data).toEqual({ mode: 'self', accountsWithBalance: withBalance, activeSubscriptions: 0, openHolds: open });
    // Switching to usage mode makes every funded account pay again: the balances are counted, not 0.
    const usage = await adminGet(ctx, admin, '/settings/mode-impact?mode=usage');
    expect(usage.body.data).toEqual({ mode: 'usage', accountsWithBalance: withBalance, activeSubscriptions: 0, openHolds: open });
    const period = await adminGet(ctx, admin, '/settings/mode-impact?mode=period');
    expect(period.body.data).toEqual({ mode: 'period', accountsWithBalance: withBalance, activeSubscriptions: 0, openHolds: open });
    expect((await adminGet(ctx, admin, '/settings/mode-impact?mode=monthly')).status).toBe(400);
  });

  test('RBAC: no JWT → 401; logs.read or accounts.read alone → 403 on adjust (nothing written); accounts.adjust → 201', async () => {
    expect((await request(ctx.server).get('/usage-billing/accounts')).status).toBe(401);
    const logsOnly = await limitedAdminToken(ctx.strapi, ['logs.read']);
    const readOnly = await limitedAdminToken(ctx.strapi, ['accounts.read']);
    const adjuster = await limitedAdminToken(ctx.strapi, ['accounts.adjust']);
    const before = await tableCounts(ctx.strapi);
    for (const jwt of [logsOnly, readOnly]) {
      const res = await adjust('acct-rbac', { amount: '100', reason: 'self-service' }, jwt);
      expect(res.status).toBe(403);
    }
    expect(await tableCounts(ctx.strapi)).toEqual(before);
    expect((await adminGet(ctx, logsOnly, '/accounts')).status).toBe(403);
    expect((await adminGet(ctx, logsOnly, '/reconcile')).status).toBe(403);
    expect((await adminGet(ctx, logsOnly, '/usage-logs')).status).toBe(200);
    expect((await adminGet(ctx, readOnly, '/accounts')).status).toBe(200);
    expect((await adminGet(ctx, readOnly, '/usage-logs')).status).toBe(403);
    const ok = await adjust('acct-rbac', { amount: '1', reason: 'approved' }, adjuster);
    expect(ok.status).toBe(201);
    expect(await balanceOf(ctx.strapi, 'acct-rbac')).toBe('1');
  });
});
