// A model's price history (GET /usage-billing/model-prices/:model/history, pricing.read): every version its
// price had, newest first, with who saved it (the admin), how (the form or an import), when, the whole price
// and what it changed from the version before; a deletion is a version too. Versions are appended in the
// transaction that writes the price, so an edit that changes nothing adds none.
import { bootForTests } from '../helpers/boot';
import { adminToken, limitedAdminToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { client } from '../helpers/pricing';

const ctx = bootForTests();
const MODEL = 'hist-model';

describe(`model price history (${process.env.TEST_DB})`, () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage' });
    api = client(ctx.server, await adminToken(ctx.strapi));
  });
  const history = async (model = MODEL) => api.get(`/model-prices/${encodeURIComponent(model)}/history`);

  test('created, edited (an unchanged save adds nothing), imported, deleted: each version with its author and its changes', async () => {
    expect((await api.post('/model-prices', { model: MODEL, mode: 'token', input: '3', output: '15' })).status).toBe(201);
    expect((await api.put(`/model-prices/${MODEL}`, { mode: 'token', input: '3.5', output: '15', cacheRead: '0.3' })).status).toBe(200);
    // The same price again: no new version.
    expect((await api.put(`/model-prices/${MODEL}`, { mode: 'token', input: '3.50', output: '15', cacheRead: '0.3' })).status).toBe(200);
    const imported = await api.post('/model-prices/import?dryRun=false', {
      version: 1,
      currency: 'USD',
      models: [{ model: MODEL, mode: 'token', input: '3.5', output: '15', cacheRead: '0.3', enabled: false, tools: { web_search: '0.02' } }],
    });
    expect(imported.status).toBe(200);

    const res = await history();
    expect(res.status).toBe(200);
    const { model, versions } = res.body.data;
    expect(model).toBe(MODEL);
    expect(versions.map((v: any) => [v.version, v.event, v.source, v.recorded])).toEqual([
      [3, 'changed', 'import', true],
      [2, 'changed', 'admin', true],
      [1, 'created', 'admin', true],
    ]);
    // Every version names the admin who saved it: `admin:<id> (<email>)`.
    for (const v of versions) expect(v.actor).toMatch(/^admin:\d+ \(.+@.+\)$/);
    // Newest first, in order of saving.
    const times = versions.map((v: any) => Date.parse(v.at));
    expect(times.every((t: number) => Number.isFinite(t))).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(versions[2].changes).toEqual([
      { field: 'mode', before: null, after: 'token' },
      { field: 'enabled', before: null, after: 'true' },
      { field: 'input', before: null, after: '3' },
      { field: 'output', before: null, after: '15' },
    ]);
    expect(versions[1].changes).toEqual([
      { field: 'input', before: '3', after: '3.5' },
      { field: 'cacheRead', before: null, after: '0.3' },
    ]);
    expect(versions[0].changes).toEqual([
      { field: 'enabled', before: 'true', after: 'false' },
      { field: 'tools.web_search', before: null, after: '0.02' },
    ]);
    expect(versions[0].price).toEqual({ model: MODEL, mode: 'token', enabled: false, input: '3.5', output: '15', cacheRead: '0.3', tools: { web_search: '0.02' } });

    expect((await api.del(`/model-prices/${MODEL}`)).status).toBe(200);
    const afterDelete = (await history()).body.data.versions;
    expect(afterDelete[0]).toMatchObject({ version: 3, event: 'deleted', price: null, source: 'admin', recorded: true });
    expect(afterDelete[0].changes.map((c: any) => [c.field, c.after])).toEqual([
      ['mode', null], ['enabled', null], ['input', null], ['output', null], ['cacheRead', null], ['tools.web_search', null],
    ]);
    expect(afterDelete).toHaveLength(4);
  });

  test('a price saved before the history was kept: its current version, author and changes unknown', async () => {
    // As an older install left it: a price at version 4 and no history.
    await ctx.strapi.db.connection('ub_model_prices').insert({
      document_id: 'hist-legacy-doc', model: 'hist-legacy', mode: 'per_call', prices: JSON.stringify({ perCall: '0.04' }), tiers: null,
      enabled: true, version: 4, created_at: new Date('2025-01-01T00:00:00Z'), updated_at: new Date('2025-02-01T00:00:00Z'),
    });
    const res = await history('hist-legacy');
    expect(res.status).toBe(200);
    expect(res.body.data.versions).toEqual([
      {
        version: 4, event: 'changed', at: '2025-02-01T00:00:00.000Z', actor: null, source: null, recorded: false,
        price: { model: 'hist-legacy', mode: 'per_call', enabled: true, perCall: '0.04' },
        changes: [{ field: 'mode', before: null, after: 'per_call' }, { field: 'enabled', before: null, after: 'true' }, { field: 'perCall', before: null, after: '0.04' }],
      },
    ]);
  });

  test('a model without a price or a history → 404; RBAC: pricing.read reads it, logs.read alone is 403', async () => {
    const missing = await history('hist-never');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const readOnly = client(ctx.server, await limitedAdminToken(ctx.strapi, ['pricing.read']));
    expect((await readOnly.get(`/model-prices/${MODEL}/history`)).status).toBe(200);
    const logsOnly = client(ctx.server, await limitedAdminToken(ctx.strapi, ['logs.read']));
    expect((await logsOnly.get(`/model-prices/${MODEL}/history`)).status).toBe(403);
    expect((await client(ctx.server, null).get(`/model-prices/${MODEL}/history`)).status).toBe(401);
  });
});
