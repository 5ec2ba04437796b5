// Admin CRUD of model prices (/usage-billing/model-prices): canonical storage, versions, validation with
// the JSON path of every problem, nothing written on a refused request, RBAC.
import { bootForTests } from '../helpers/boot';
import { adminToken, limitedAdminToken } from '../helpers/auth';
import { client, dumpTables, PRICING_TABLES } from '../helpers/pricing';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

describe(`admin model prices (${process.env.TEST_DB})`, () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    api = client(ctx.server, await adminToken(ctx.strapi));
  });
  const listed = async (model: string) => (await api.get('/model-prices')).body.data.find((p: any) => p.model === model);

  test('create → 201 with the canonical price; listed at version 1, in the catalog with source "admin"', async () => {
    const res = await api.post('/model-prices', { model: 'acme-chat', mode: 'token', input: '03.50', output: '15.000', cacheRead: '0.30' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ model: 'acme-chat', mode: 'token', enabled: true, input: '3.5', output: '15', cacheRead: '0.3' });
    expect(await listed('acme-chat')).toEqual({
      model: 'acme-chat', mode: 'token', enabled: true, input: '3.5', output: '15', cacheRead: '0.3',
      version: 1, updatedAt: expect.any(String), inCatalog: true,
    });
    const catalog = (await api.get('/models')).body.data.find((m: any) => m.name === 'acme-chat');
    expect(catalog).toMatchObject({ name: 'acme-chat', source: 'admin', priced: true, enabled: true });
  });

  test('each mode is created with exactly its own fields', async () => {
    const bodies = [
      { model: 'acme-tiered', mode: 'tiered', tiers: [{ upTo: 1000, input: '1.250' }, { upTo: null, input: '2.5', output: '15' }] },
      { model: 'acme-image', mode: 'per_call', perCall: '0.040' },
      { model: 'acme-video', mode: 'per_second', perSecond: '0.1', enabled: false },
      { model: 'acme-free', mode: 'free' },
    ];
    for (const body of bodies) expect((await api.post('/model-prices', body)).status).toBe(201);
    expect(await listed('acme-tiered')).toMatchObject({ mode: 'tiered', tiers: [{ upTo: 1000, input: '1.25' }, { upTo: null, input: '2.5', output: '15' }] });
    expect(await listed('acme-image')).toMatchObject({ mode: 'per_call', perCall: '0.04', enabled: true });
    expect(await listed('acme-video')).toMatchObject({ mode: 'per_second', perSecond: '0.1', enabled: false });
    const free = await listed('acme-free');
    expect(Object.keys(free).sort()).toEqual(['enabled', 'inCatalog', 'mode', 'model', 'updatedAt', 'version']);
  });

  test('update replaces the price and bumps version; an identical update keeps the version', async () => {
    const res = await api.put('/model-prices/acme-chat', { mode: 'token', input: '4', output: '16' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ model: 'acme-chat', mode: 'token', enabled: true, input: '4', output: '16' });
    const after = await listed('acme-chat');
    expect(after).toMatchObject({ version: 2, input: '4', output: '16' });
    expect(after.cacheRead).toBeUndefined();

    expect((await api.put('/model-prices/acme-chat', { mode: 'token', input: '4.0', output: '16' })).status).toBe(200);
    expect((await listed('acme-chat')).version).toBe(2);
  });

  test('update can switch the mode: the old mode\'s prices are dropped', async () => {
    expect((await api.put('/model-prices/acme-chat', { mode: 'per_call', perCall: '0.05' })).status).toBe(200);
    const after = await listed('acme-chat');
    expect(after).toMatchObject({ mode: 'per_call', perCall: '0.05', version: 3 });
    expect(after.input).toBeUndefined();
    expect(after.output).toBeUndefined();
  });

  test('update of a model without a price → 404; a body renaming the model → 400 naming model', async () => {
    const missing = await api.put('/model-prices/no-such-model', { mode: 'free' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const before = await dumpTables(ctx.strapi, PRICING_TABLES);
    const rename = await api.put('/model-prices/acme-image', { model: 'acme-image-2', mode: 'per_call', perCall: '1' });
    expect(rename.status).toBe(400);
    expect(errorFields(rename)).toEqual(['model']);
    expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  });

  test('duplicate create → 409 ConflictError; the existing price is untouched', async () => {
    const before = await dumpTables(ctx.strapi, PRICING_TABLES);
    const res = await api.post('/model-prices', { model: 'acme-image', mode: 'per_call', perCall: '9' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ name: 'ConflictError', details: { model: 'acme-image' } });
    expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  });

  test('delete → 200, then 404; the catalog entry stays (unpriced)', async () => {
    const res = await api.del('/model-prices/acme-free');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ model: 'acme-free' });
    expect(await listed('acme-free')).toBeUndefined();
    expect((await api.del('/model-prices/acme-free')).status).toBe(404);
    const catalog = (await api.get('/models')).body.data.find((m: any) => m.name === 'acme-free');
    expect(catalog).toMatchObject({ priced: false });
  });

  test('a model name with "/" is addressed with an encoded URL segment', async () => {
    expect((await api.post('/model-prices', { model: 'openai/gpt-4o', mode: 'token', input: '2.5' })).status).toBe(201);
    const res = await api.put(`/model-prices/${encodeURIComponent('openai/gpt-4o')}`, { mode: 'token', input: '5' });
    expect(res.status).toBe(200);
    expect(await listed('openai/gpt-4o')).toMatchObject({ input: '5', version: 2 });
    expect((await api.del(`/model-prices/${encodeURIComponent('openai/gpt-4o')}`)).status).toBe(200);
  });

  test('a model name containing "%" can be updated through its encoded URL segment', async () => {
    expect((await api.post('/model-prices', { model: 'promo-100%', mode: 'free' })).status).toBe(201);
    const res = await api.put(`/model-prices/${encodeURIComponent('promo-100%')}`, { mode: 'per_call', perCall: '1' });
    expect(res.status).toBe(200);
  });

  test('deleting "x%41" deletes that model, not the model "xA"', async () => {
    for (const model of ['xA', 'x%41']) expect((await api.post('/model-prices', { model, mode: 'free' })).status).toBe(201);
    const res = await api.del(`/model-prices/${encodeURIComponent('x%41')}`);
    expect(res.body.data).toEqual({ model: 'x%41' });
    expect(await listed('xA')).toBeDefined();
  });

  const tiers = (...upTos: (number | null)[]) => upTos.map((upTo) => ({ upTo, input: '1' }));
  test.each([
    ['tiered without tiers', { model: 'x', mode: 'tiered' }, ['tiers']],
    ['tiered with no tier', { model: 'x', mode: 'tiered', tiers: [] }, ['tiers']],
    ['per_call without perCall', { model: 'x', mode: 'per_call' }, ['perCall']],
    ['per_second without perSecond', { model: 'x', mode: 'per_second' }, ['perSecond']],
    ['perCall on a token model', { model: 'x', mode: 'token', input: '1', perCall: '1' }, ['perCall']],
    ['input on a tiered model', { model: 'x', mode: 'tiered', tiers: tiers(null), input: '1' }, ['input']],
    ['a price on a free model', { model: 'x', mode: 'free', output: '1' }, ['output']],
    ['tiers that do not ascend', { model: 'x', mode: 'tiered', tiers: tiers(1000, 1000, null) }, ['tiers[1].upTo']],
    ['tiers that do not end open', { model: 'x', mode: 'tiered', tiers: tiers(1000, 2000) }, ['tiers[1].upTo']],
    ['an open tier before the last', { model: 'x', mode: 'tiered', tiers: tiers(null, 1000) }, ['tiers[0].upTo', 'tiers[1].upTo']],
    ['a fractional upTo', { model: 'x', mode: 'tiered', tiers: tiers(1.5, null) }, ['tiers[0].upTo']],
    ['an unknown field in a tier', { model: 'x', mode: 'tiered', tiers: [{ upTo: 10 }, { upTo: null, perCall: '1' }] }, ['tiers[1].perCall']],
    ['a negative price', { model: 'x', mode: 'token', input: '-1' }, ['input']],
    ['a JSON number price', { model: 'x', mode: 'token', output: 15 }, ['output']],
    ['an exponent', { model: 'x', mode: 'per_call', perCall: '1e3' }, ['perCall']],
    ['a leading dot', { model: 'x', mode: 'per_second', perSecond: '.5' }, ['perSecond']],
    ['19 fraction digits', { model: 'x', mode: 'token', input: '0.0000000000000000001' }, ['input']],
    ['an unknown field', { model: 'x', mode: 'token', inputPrice: '1' }, ['inputPrice']],
    ['an unknown mode', { model: 'x', mode: 'monthly' }, ['mode']],
    ['no model name', { mode: 'free' }, ['model']],
    ['a 192-character name', { model: 'm'.repeat(192), mode: 'free' }, ['model']],
    ['enabled as a string', { model: 'x', mode: 'free', enabled: 'yes' }, ['enabled']],
    ['several problems at once', { model: 'x', mode: 'token', input: '-1', output: 15, cacheRead: 'abc' }, ['input', 'output', 'cacheRead']],
  ])('create with %s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const before = await dumpTables(ctx.strapi, PRICING_TABLES);
    const res = await api.post('/model-prices', body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res).sort()).toEqual([...fields].sort());
    expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  });

  test('an invalid update → 400 naming the path, the stored price and its version unchanged', async () => {
    await api.post('/model-prices', { model: 'acme-tiered-2', mode: 'tiered', tiers: tiers(100, null) });
    const before = await dumpTables(ctx.strapi, PRICING_TABLES);
    const res = await api.put('/model-prices/acme-tiered-2', { mode: 'tiered', tiers: tiers(100, 50, null) });
    expect(res.status).toBe(400);
    expect(errorFields(res)).toEqual(['tiers[1].upTo']);
    expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  });
});

describe(`model price RBAC (${process.env.TEST_DB})`, () => {
  test('no admin JWT → 401', async () => {
    expect((await client(ctx.server, null).get('/model-prices')).status).toBe(401);
  });

  test('pricing.read lists and exports but gets 403 on every write, and nothing is written', async () => {
    const reader = client(ctx.server, await limitedAdminToken(ctx.strapi, ['pricing.read']));
    for (const path of ['/model-prices', '/tool-prices', '/multipliers', '/models', '/model-prices/export']) {
      expect([path, (await reader.get(path)).status]).toEqual([path, 200]);
    }
    const before = await dumpTables(ctx.strapi, PRICING_TABLES);
    const writes = [
      reader.post('/model-prices', { model: 'rbac-x', mode: 'free' }),
      reader.put('/model-prices/acme-image', { mode: 'per_call', perCall: '7' }),
      reader.del('/model-prices/acme-image'),
      reader.post('/model-prices/import?dryRun=false&allowUnknown=true', { version: 1, models: [{ model: 'rbac-y', mode: 'free' }] }),
      reader.post('/tool-prices', { tool: 'rbac-tool', perCall: '1' }),
      reader.post('/multipliers', { name: 'rbac-tier', factor: '3' }),
      reader.post('/models', { name: 'rbac-model' }),
    ];
    for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
    expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  });
});
