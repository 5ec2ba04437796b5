// Admin CRUD of tool prices, service multipliers and the model catalog, and the gateway's catalog push.
import type { Response } from 'supertest';
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken } from '../helpers/auth';
import { client, dumpTables, PRICING_TABLES } from '../helpers/pricing';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

let api: ReturnType<typeof client>;
beforeAll(async () => {
  api = client(ctx.server, await adminToken(ctx.strapi));
});

/** Sends a request that must be refused with `status`, and checks that no pricing table changed. */
const refused = async (send: () => Promise<Response>, status: number) => {
  const before = await dumpTables(ctx.strapi, PRICING_TABLES);
  const res = await send();
  expect(res.status).toBe(status);
  expect(await dumpTables(ctx.strapi, PRICING_TABLES)).toEqual(before);
  return res;
};

describe(`tool prices (${process.env.TEST_DB})`, () => {
  test('create → 201 canonical, listed; update by name; "0" is allowed; delete → 200 then 404', async () => {
    const created = await api.post('/tool-prices', { tool: 'web_search', perCall: '0.010' });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ tool: 'web_search', perCall: '0.01', enabled: true });
    await api.post('/tool-prices', { tool: 'code_exec', perCall: '0.05', enabled: false });
    expect((await api.get('/tool-prices')).body.data).toEqual([
      { tool: 'code_exec', perCall: '0.05', enabled: false },
      { tool: 'web_search', perCall: '0.01', enabled: true },
    ]);

    const updated = await api.put('/tool-prices/code_exec', { perCall: '0', enabled: true });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ tool: 'code_exec', perCall: '0', enabled: true });
    expect((await api.get('/tool-prices')).body.data[0]).toEqual({ tool: 'code_exec', perCall: '0', enabled: true });

    expect((await api.del('/tool-prices/code_exec')).body.data).toEqual({ tool: 'code_exec' });
    expect((await api.del('/tool-prices/code_exec')).status).toBe(404);
    expect((await api.get('/tool-prices')).body.data.map((t: any) => t.tool)).toEqual(['web_search']);
  });

  test.each([
    ['perCall as a JSON number', { tool: 't', perCall: 0.01 }, ['perCall']],
    ['a negative perCall', { tool: 't', perCall: '-0.01' }, ['perCall']],
    ['no perCall', { tool: 't' }, ['perCall']],
    ['enabled as a string', { tool: 't', perCall: '1', enabled: 'no' }, ['enabled']],
    ['an unknown field', { tool: 't', perCall: '1', unit: 'call' }, ['unit']],
    ['no tool name', { perCall: '1' }, ['tool']],
  ])('create with %s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const res = await refused(() => api.post('/tool-prices', body), 400);
    expect(errorFields(res)).toEqual(fields);
  });

  test('creating a tool price that already exists → 409, the stored price untouched', async () => {
    await refused(() => api.post('/tool-prices', { tool: 'web_search', perCall: '5' }), 409);
  });
});

describe(`service multipliers (${process.env.TEST_DB})`, () => {
  test('create → 201 canonical, listed by name; update by name; delete → 200 then 404', async () => {
    const created = await api.post('/multipliers', { name: 'priority', factor: '2.00' });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ name: 'priority', factor: '2' });
    await api.post('/multipliers', { name: 'batch', factor: '0.5' });
    expect((await api.get('/multipliers')).body.data).toEqual([{ name: 'batch', factor: '0.5' }, { name: 'priority', factor: '2' }]);

    const updated = await api.put('/multipliers/batch', { factor: '0.45' });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ name: 'batch', factor: '0.45' });
    expect((await api.get('/multipliers')).body.data[0]).toEqual({ name: 'batch', factor: '0.45' });

    expect((await api.del('/multipliers/batch')).body.data).toEqual({ name: 'batch' });
    expect((await api.del('/multipliers/batch')).status).toBe(404);
  });

  test.each([
    ['factor as a JSON number', { name: 'm', factor: 2 }, ['factor']],
    ['a negative factor', { name: 'm', factor: '-2' }, ['factor']],
    ['an exponent factor', { name: 'm', factor: '2e0' }, ['factor']],
    ['no factor', { name: 'm' }, ['factor']],
    ['an unknown field', { name: 'm', factor: '2', scope: 'model' }, ['scope']],
  ])('create with %s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const res = await refused(() => api.post('/multipliers', body), 400);
    expect(errorFields(res)).toEqual(fields);
  });

  test('creating a multiplier that already exists → 409, the stored factor untouched', async () => {
    await refused(() => api.post('/multipliers', { name: 'priority', factor: '10' }), 409);
  });
});

describe(`model catalog (${process.env.TEST_DB})`, () => {
  const entry = async (name: string) => (await api.get('/models')).body.data.find((m: any) => m.name === name);

  test('create → 201 with source "admin" and priced false; update merges; delete → 200 then 404', async () => {
    const created = await api.post('/models', { name: 'acme-1', displayName: 'Acme One', provider: 'acme' });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ name: 'acme-1', displayName: 'Acme One', provider: 'acme', source: 'admin', enabled: true, priced: false });

    const updated = await api.put('/models/acme-1', { displayName: 'Acme 1', enabled: false });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ name: 'acme-1', displayName: 'Acme 1', provider: 'acme', source: 'admin', enabled: false, priced: false });
    expect(await entry('acme-1')).toEqual(updated.body.data);

    expect((await api.del('/models/acme-1')).body.data).toEqual({ name: 'acme-1' });
    expect(await entry('acme-1')).toBeUndefined();
    expect((await api.del('/models/acme-1')).status).toBe(404);
  });

  test('a catalog entry shows priced once a price exists', async () => {
    await api.post('/models', { name: 'acme-2' });
    expect((await entry('acme-2')).priced).toBe(false);
    await api.post('/model-prices', { model: 'acme-2', mode: 'free' });
    expect((await entry('acme-2')).priced).toBe(true);
  });

  test.each([
    ['no name', { displayName: 'x' }, ['name']],
    ['enabled as a string', { name: 'c', enabled: 'yes' }, ['enabled']],
    ['a 65-character provider', { name: 'c', provider: 'p'.repeat(65) }, ['provider']],
  ])('create with %s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const res = await refused(() => api.post('/models', body), 400);
    expect(errorFields(res)).toEqual(fields);
  });

  test('creating a catalog model that already exists → 409, the entry untouched', async () => {
    await api.post('/models', { name: 'acme-dup', displayName: 'Original' });
    await refused(() => api.post('/models', { name: 'acme-dup', displayName: 'Overwritten' }), 409);
  });

  test('create with an unknown field → 400 whose message names the field, nothing written', async () => {
    const res = await refused(() => api.post('/models', { name: 'c', contextWindow: 200000 }), 400);
    expect(res.body.error.message).toMatch(/contextWindow/);
  });
});

describe(`gateway catalog push (${process.env.TEST_DB})`, () => {
  const gateway = (token: string) => client(ctx.server, token, '/api/usage-billing');

  test('POST /api/usage-billing/models adds names and objects with source "gateway"', async () => {
    const gw = gateway(await apiToken(ctx.strapi, ['gateway.registerModels']));
    const res = await gw.post('/models', { models: ['gw-a', { name: 'gw-b', displayName: 'GW B', provider: 'acme' }] });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ registered: ['gw-a', 'gw-b'] });
    const catalog = (await api.get('/models')).body.data;
    expect(catalog.find((m: any) => m.name === 'gw-a')).toEqual({ name: 'gw-a', displayName: null, provider: null, source: 'gateway', enabled: true, priced: false });
    expect(catalog.find((m: any) => m.name === 'gw-b')).toEqual({ name: 'gw-b', displayName: 'GW B', provider: 'acme', source: 'gateway', enabled: true, priced: false });
  });

  test('pushing a name an admin already added keeps the entry\'s source', async () => {
    await api.post('/models', { name: 'gw-admin' });
    const gw = gateway(await apiToken(ctx.strapi, ['gateway.registerModels']));
    expect((await gw.post('/models', { models: ['gw-admin'] })).status).toBe(201);
    expect((await api.get('/models')).body.data.find((m: any) => m.name === 'gw-admin').source).toBe('admin');
  });

  test('an invalid push → 400 and nothing written; a token without the action → 403', async () => {
    const gw = gateway(await apiToken(ctx.strapi, ['gateway.registerModels']));
    await refused(() => gw.post('/models', { models: [] }), 400);
    await refused(() => gw.post('/models', { models: ['ok-name', ''] }), 400);
    await refused(() => gw.post('/models', ['gw-c']), 400);
    const quoteOnly = gateway(await apiToken(ctx.strapi, ['gateway.quote']));
    await refused(() => quoteOnly.post('/models', { models: ['gw-d'] }), 403);
  });
});
