import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken, limitedAdminToken } from '../helpers/auth';
import { errorFields } from '../helpers/http';
import { service } from '../helpers/services';
import type { BillingSettings } from '../../server/src/services/settings';
import { encryptSecret } from '../../server/src/services/secrets';

const ctx = bootForTests();

const CONTENT_TYPES = [
  'account', 'ledger-entry', 'hold', 'plan', 'subscription', 'code', 'redemption', 'model-price', 'model',
  'tool-price', 'service-multiplier', 'usage-log', 'usage-rollup', 'order', 'webhook-event',
];

describe(`plugin foundation (${process.env.TEST_DB})`, () => {
  test('every content type exists and is hidden from the Content Manager and the Content-Type Builder', () => {
    for (const name of CONTENT_TYPES) {
      const ct = ctx.strapi.contentType(`plugin::usage-billing.${name}`);
      expect(ct).toBeDefined();
      expect(ct.pluginOptions).toEqual({
        'content-manager': { visible: false },
        'content-type-builder': { visible: false },
      });
    }
  });

  test('money columns are exact integers (bigint on PostgreSQL), never float or numeric(10,2)', async () => {
    const knex = ctx.strapi.db.connection;
    const moneyColumns: [string, string][] = [
      ['ub_accounts', 'balance'], ['ub_ledger_entries', 'amount'], ['ub_ledger_entries', 'balance_after'],
      ['ub_holds', 'amount'], ['ub_usage_logs', 'cost'], ['ub_usage_logs', 'charged'], ['ub_orders', 'amount'],
      ['ub_plans', 'price'], ['ub_plans', 'period_credit'], ['ub_subscriptions', 'credit'], ['ub_codes', 'amount'],
    ];
    for (const [table, column] of moneyColumns) {
      if (ctx.kind === 'postgres') {
        const { rows } = await knex.raw(
          'select data_type from information_schema.columns where table_name = ? and column_name = ?', [table, column]);
        expect([table, column, rows[0]?.data_type]).toEqual([table, column, 'bigint']);
      } else {
        const rows: { name: string; type: string }[] = await knex.raw(`pragma table_info(${table})`);
        const info = rows.find((r) => r.name === column);
        expect([table, column, info?.type]).toEqual([table, column, 'bigint']);
      }
    }
  });

  test('1e-8 of the currency unit (10 nanos) and amounts beyond 2^53 nanos round-trip exactly', async () => {
    const accounts = ctx.strapi.db.query('plugin::usage-billing.account');
    const tiny = await accounts.create({ data: { userId: 'tiny', balance: '10' } });
    const huge = await accounts.create({ data: { userId: 'huge', balance: '9007199254740993123' } });
    const knex = ctx.strapi.db.connection;
    // Read as text so the driver cannot round it through a JS number.
    const read = async (id: number) =>
      String((await knex('ub_accounts').select(knex.raw('CAST(balance AS TEXT) AS b')).where({ id }).first()).b);
    expect(await read(tiny.id)).toBe('10');
    expect(await read(huge.id)).toBe('9007199254740993123');
  });

  test('unique keys that make retries safe exist in the database', async () => {
    // Raw inserts: the database itself must refuse the duplicate, whatever layer writes it. The error is
    // caught with .then() rather than expect().rejects: better-sqlite3's native addon keeps the SqliteError
    // class of the first test file a jest worker loads, so in later files it fails jest's instanceof Error
    // check and `rejects.toThrow` wrongly reports "did not throw".
    const knex = ctx.strapi.db.connection;
    const row = (extra: Record<string, unknown>) => ({
      document_id: `doc${Math.random().toString(36).slice(2, 12)}`, created_at: new Date(), updated_at: new Date(), published_at: new Date(), ...extra,
    });
    const refusesDuplicate = async (table: string, first: Record<string, unknown>, second = first) => {
      await knex(table).insert(row(first));
      const error = await knex(table).insert(row(second)).then(() => null, (e: Error) => e);
      expect([table, String(error)]).toEqual([table, expect.stringMatching(/unique/i)]);
    };
    await refusesDuplicate('ub_usage_logs', { request_id: 'dup-1', request_hash: 'h', user_id: 'u', model: 'm', billing_mode: 'usage', occurred_at: new Date() });
    await refusesDuplicate('ub_webhook_events', { provider: 'stripe', event_id: 'evt_1' });
    await knex('ub_webhook_events').insert(row({ provider: 'epay', event_id: 'evt_1' }));
    await refusesDuplicate('ub_ledger_entries', { user_id: 'u', kind: 'usage', amount: '-1', balance_after: '-1', reference: 'req-9' });
    await refusesDuplicate('ub_orders', { order_no: 'o-1', user_id: 'u', channel: 'stripe', kind: 'topup' }, { order_no: 'o-1', user_id: 'v', channel: 'epay', kind: 'topup' });
    await refusesDuplicate('ub_codes', { code: 'CODE-1', code_key: 'CODE1', mode: 'usage' }, { code: 'code 1', code_key: 'CODE1', mode: 'period' });
    await refusesDuplicate('ub_subscriptions', { user_id: 'one', plan_id: 2, terms: '{}', status: 'active', period_start: new Date(), active_key: 'one' });
    await refusesDuplicate('ub_redeem_attempts', { key: 'user:u', window_start: new Date(), failures: 1 });
    await refusesDuplicate('ub_accounts', { user_id: 'same', balance: '0', status: 'active' });
  });
});

describe(`settings (${process.env.TEST_DB})`, () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = await adminToken(ctx.strapi);
  });
  const api = () => request(ctx.server);

  test('defaults are returned with money as decimal strings', async () => {
    const res = await api().get('/usage-billing/settings').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ mode: 'usage', currency: 'USD', prepaidAmount: '0.1', holdTtlSeconds: 900 });
  });

  test('a partial update is merged, secrets are stored encrypted and returned masked', async () => {
    const secretKey = 'sk_test_51Habcdefghijklmnop4242';
    const res = await api()
      .put('/usage-billing/settings')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ mode: 'period', prepaidAmount: '1.00', payments: { stripe: { enabled: true, secretKey, webhookSecret: 'whsec_abcdefgh12345678' }, epay: { key: 'epay-merchant-key-9876' } } });
    expect(res.status).toBe(200);
    expect(res.body.data.mode).toBe('period');
    expect(res.body.data.prepaidAmount).toBe('1.00');
    expect(res.body.data.currency).toBe('USD');
    expect(res.body.data.payments.stripe.secretKey).toBe('••••••••4242');
    expect(res.body.data.payments.stripe.webhookSecret).toBe('••••••••5678');
    expect(res.body.data.payments.epay.key).toBe('••••••••9876');
    expect(res.body.meta.secrets['payments.stripe.secretKey']).toMatchObject({ set: true, readable: true, currentKey: true });
    expect(JSON.stringify(res.body)).not.toContain(secretKey);

    // The stored form: secrets encrypted.
    const stored = (await ctx.strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' }).get({})) as BillingSettings;
    expect(JSON.stringify(stored)).not.toContain(secretKey);
    expect(stored.payments.stripe.secretKey).toMatch(/^enc:v2:/);
    expect(await service(ctx.strapi, 'settings').secret('payments.stripe.secretKey')).toBe(secretKey);

    // Sending the masked value back (as the admin form does) keeps the stored secret.
    const again = await api().put('/usage-billing/settings').set('Authorization', `Bearer ${jwt}`)
      .send({ payments: { stripe: { secretKey: '••••••••4242' } } });
    expect(again.status).toBe(200);
    expect(await service(ctx.strapi, 'settings').secret('payments.stripe.secretKey')).toBe(secretKey);
  });

  test('a secret no configured key can open never breaks the gateway routes: the admin sees it unreadable', async () => {
    const store = ctx.strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' });
    const stored = (await store.get({})) as BillingSettings;
    const foreign = encryptSecret('sk_live_from_production_0000', { current: 'production-only-key' }, 'payments.stripe.secretKey');
    await store.set({ value: { ...stored, payments: { ...stored.payments, stripe: { ...stored.payments.stripe, secretKey: foreign } } } });
    await api().get('/usage-billing/settings').set('Authorization', `Bearer ${jwt}`); // drops this instance's settings cache
    const quote = await request(ctx.server).post('/api/usage-billing/quote').set('Authorization', `Bearer ${await apiToken(ctx.strapi, ['gateway.quote'])}`)
      .send({ model: 'anything', usage: { inputTokens: 1 } });
    expect(quote.status).toBe(200);
    const admin = await api().get('/usage-billing/settings').set('Authorization', `Bearer ${jwt}`);
    expect(admin.status).toBe(200);
    expect(admin.body.data.payments.stripe.secretKey).toBe('');
    expect(admin.body.meta.secrets['payments.stripe.secretKey']).toMatchObject({ set: true, readable: false });
  });

  test.each([
    [{ mode: 'monthly' }, 'mode'],
    [{ prepaidAmount: -1 }, 'prepaidAmount'],
    [{ prepaidAmount: '-1' }, 'prepaidAmount'],
    [{ prepaidAmount: '1e3' }, 'prepaidAmount'],
    [{ holdTtlSeconds: 'soon' }, 'holdTtlSeconds'],
    [{ payments: { usdToCnyRate: '0' } }, 'payments.usdToCnyRate'],
    [{ payments: { stripe: { secretKey: 42 } } }, 'payments.stripe.secretKey'],
    [{ payments: { epay: { gatewayUrl: 'not a url' } } }, 'payments.epay.gatewayUrl'],
    [{ surprise: true }, 'surprise'],
  ])('invalid %j → 400 naming %s and nothing written', async (body, field) => {
    const before = await ctx.strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' }).get({});
    const res = await api().put('/usage-billing/settings').set('Authorization', `Bearer ${jwt}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    const fields = errorFields(res);
    expect(fields).toContain(field);
    const after = await ctx.strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' }).get({});
    expect(after).toEqual(before);
  });

  test('admin routes need an admin JWT (401) and the RBAC action (403)', async () => {
    expect((await api().get('/usage-billing/settings')).status).toBe(401);
    const readOnly = await limitedAdminToken(ctx.strapi, ['settings.read']);
    expect((await api().get('/usage-billing/settings').set('Authorization', `Bearer ${readOnly}`)).status).toBe(200);
    const put = await api().put('/usage-billing/settings').set('Authorization', `Bearer ${readOnly}`).send({ mode: 'self' });
    expect(put.status).toBe(403);
  });
});
