// The audit trail: every configuration edit through the admin API records who made it, what and the value
// it left (secrets never in clear), readable newest first by whoever may read the settings.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { limitedAdminToken } from '../helpers/auth';
import { adminGet, adminPost, adminPut, gatewaySuite } from '../helpers/metering';
import { adminDelete } from '../helpers/plans';

const ctx = bootForTests();

describe(`audit trail (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  const latest = async (n: number) => (await adminGet(ctx, suite.admin, `/audit?pageSize=${n}`)).body.data;

  test('settings, prices, tools, plans and imports are recorded with the admin, newest first; secrets only as set/cleared', async () => {
    expect((await adminPut(ctx, suite.admin, '/settings', { prepaidAmount: '0.2', payments: { stripe: { secretKey: 'sk_test_audit_1234567890' } } })).status).toBe(200);
    expect((await adminPost(ctx, suite.admin, '/model-prices', { model: 'audited-model', mode: 'per_call', perCall: '0.02' })).status).toBe(201);
    expect((await adminPut(ctx, suite.admin, '/model-prices/audited-model', { mode: 'per_call', perCall: '0.03' })).status).toBe(200);
    expect((await adminDelete(ctx, suite.admin, '/model-prices/audited-model')).status).toBe(200);
    expect((await adminPost(ctx, suite.admin, '/plans', { name: 'Audited plan', price: '5', interval: 'monthly', periodCredit: '5' })).status).toBe(201);
    const file = { version: 1, currency: 'USD', models: [{ model: 'audited-import', mode: 'free' }] };
    expect((await request(ctx.server).post('/usage-billing/model-prices/import?dryRun=false&allowUnknown=true').set('Authorization', `Bearer ${suite.admin}`).send(file)).status).toBe(200);
    // A dry run changes nothing and records nothing.
    await request(ctx.server).post('/usage-billing/model-prices/import?dryRun=true').set('Authorization', `Bearer ${suite.admin}`).send(file);

    const entries = await latest(6);
    expect(entries.map((e: any) => [e.action, e.subject])).toEqual([
      ['pricing.import', 'pricing file'],
      ['plans.create', 'Audited plan'],
      ['model-prices.delete', 'audited-model'],
      ['model-prices.update', 'audited-model'],
      ['model-prices.create', 'audited-model'],
      ['settings.update', 'settings'],
    ]);
    for (const e of entries) expect(e.actor).toMatch(/^admin:\d+ \(admin\d+-\d+@example\.com\)$/);
    expect(entries[0].after).toMatchObject({ models: { new: 1, changed: 0 }, addedToCatalog: 1 });
    expect(entries[3].after).toMatchObject({ model: 'audited-model', perCall: '0.03' });
    expect(entries[2].after).toBeNull();
    expect(entries[5].after).toEqual({ prepaidAmount: '0.2', payments: { stripe: { secretKey: '(set)' } } });
    expect(JSON.stringify(entries)).not.toContain('sk_test_audit');
  });

  test('read with settings.read only; a failed edit records nothing', async () => {
    const before = (await adminGet(ctx, suite.admin, '/audit')).body.meta.pagination.total;
    expect((await adminPut(ctx, suite.admin, '/settings', { prepaidAmount: '-1' })).status).toBe(400);
    expect((await adminGet(ctx, suite.admin, '/audit')).body.meta.pagination.total).toBe(before);
    const reader = await limitedAdminToken(ctx.strapi, ['settings.read']);
    expect((await adminGet(ctx, reader, '/audit')).status).toBe(200);
    const other = await limitedAdminToken(ctx.strapi, ['logs.read']);
    expect((await adminGet(ctx, other, '/audit')).status).toBe(403);
  });
});
