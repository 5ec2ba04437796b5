// Pricing file import (POST /usage-billing/model-prices/import): dry-run diff, unknown models, all or
// nothing, and validation errors that name the JSON path of the value at fault.
import { bootForTests } from '../helpers/boot';
import { adminToken } from '../helpers/auth';
import { PRICING } from '../helpers/fixtures';
import { client, dumpTables } from '../helpers/pricing';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();
const NAMES = ['claude-sonnet-4-5', 'gemini-2.5-pro', 'gpt-image-1', 'llama-3.1-8b', 'sora-2'];
const empty = { new: [], changed: [], unchanged: [] };
/** A new model of the fixture as the dry run lists it: its name and the price it will get. */
const newModel = (model: string) => ({ model, after: expect.objectContaining({ ...PRICING.models.find((m: { model: string }) => m.model === model), enabled: true }) });

describe(`pricing import (${process.env.TEST_DB})`, () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    api = client(ctx.server, await adminToken(ctx.strapi));
  });
  const importFile = (query: string, file: unknown) => api.post(`/model-prices/import${query}`, file);
  /** Sends an import that must be refused with `status`, and checks that no table changed. */
  const refused = async (query: string, file: unknown, status: number) => {
    const before = await dumpTables(ctx.strapi);
    const res = await importFile(query, file);
    expect(res.status).toBe(status);
    expect(await dumpTables(ctx.strapi)).toEqual(before);
    return res;
  };

  test('a dry run (the default) lists new entries and names unknown to the catalog, and writes nothing', async () => {
    for (const query of ['', '?dryRun=true', '?dryRun=true&allowUnknown=true']) {
      const before = await dumpTables(ctx.strapi);
      const res = await importFile(query, PRICING);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        dryRun: true, applied: false,
        models: { new: NAMES.map(newModel), changed: [], unchanged: [] },
        unknown: NAMES,
        tools: { ...empty, new: [{ name: 'web_search', after: { ...PRICING.tools[0], enabled: true } }] },
        multipliers: { ...empty, new: [{ name: 'priority', after: PRICING.multipliers[0] }] },
      });
      expect(await dumpTables(ctx.strapi)).toEqual(before);
    }
  });

  test('a real import of names unknown to the catalog without allowUnknown → 409 UnknownModelsError, nothing written', async () => {
    await api.post('/models', { name: 'gpt-image-1' }); // one name is known: only the others are reported
    const res = await refused('?dryRun=false', PRICING, 409);
    expect(res.body.error.name).toBe('UnknownModelsError');
    expect(res.body.error.details).toEqual({ unknown: NAMES.filter((n) => n !== 'gpt-image-1') });
  });

  test('with allowUnknown the file is applied and the unknown names join the catalog with source "import"', async () => {
    const res = await importFile('?dryRun=false&allowUnknown=true', PRICING);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ dryRun: false, applied: true, models: { new: NAMES.map(newModel) }, unknown: NAMES.filter((n) => n !== 'gpt-image-1') });
    const catalog = (await api.get('/models')).body.data;
    expect(catalog.map((m: any) => [m.name, m.source, m.priced])).toEqual(
      NAMES.map((name) => [name, name === 'gpt-image-1' ? 'admin' : 'import', true]),
    );
    const prices = (await api.get('/model-prices')).body.data;
    expect(prices.map((p: any) => [p.model, p.version])).toEqual(NAMES.map((n) => [n, 1]));
    expect((await api.get('/tool-prices')).body.data).toEqual(PRICING.tools);
    expect((await api.get('/multipliers')).body.data).toEqual(PRICING.multipliers);
  });

  test('a dry run against stored prices sorts entries into new, changed (before/after) and unchanged', async () => {
    const file = {
      version: 1,
      models: [
        { model: 'claude-sonnet-4-5', mode: 'token', input: '3.50', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
        PRICING.models[1],
        { model: 'brand-new', mode: 'free' },
      ],
      tools: [{ tool: 'web_search', perCall: '0.02' }, { tool: 'code_exec', perCall: '0.05' }],
      multipliers: [{ name: 'priority', factor: '2.0' }, { name: 'batch', factor: '0.5' }],
    };
    const before = await dumpTables(ctx.strapi);
    const res = await importFile('?dryRun=true', file);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      dryRun: true, applied: false,
      models: {
        // A new model is listed with the price it will get (normalized as stored).
        new: [{ model: 'brand-new', after: { model: 'brand-new', mode: 'free', enabled: true } }],
        changed: [{
          model: 'claude-sonnet-4-5',
          before: { model: 'claude-sonnet-4-5', mode: 'token', enabled: true, input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
          after: { model: 'claude-sonnet-4-5', mode: 'token', enabled: true, input: '3.5', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
        }],
        unchanged: ['gemini-2.5-pro'],
      },
      unknown: ['brand-new'],
      tools: {
        new: [{ name: 'code_exec', after: { tool: 'code_exec', perCall: '0.05', enabled: true } }],
        changed: [{ name: 'web_search', before: { tool: 'web_search', perCall: '0.01', enabled: true }, after: { tool: 'web_search', perCall: '0.02', enabled: true } }],
        unchanged: [],
      },
      multipliers: { new: [{ name: 'batch', after: { name: 'batch', factor: '0.5' } }], changed: [], unchanged: ['priority'] },
    });
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test('a real import changes only what the file holds: absent entries and unchanged versions stay', async () => {
    const res = await importFile('?dryRun=false', { version: 1, models: [{ model: 'sora-2', mode: 'per_second', perSecond: '0.15' }] });
    expect(res.status).toBe(200);
    const prices = (await api.get('/model-prices')).body.data;
    expect(prices.map((p: any) => [p.model, p.version])).toEqual(NAMES.map((n) => [n, n === 'sora-2' ? 2 : 1]));
    expect(prices.find((p: any) => p.model === 'sora-2').perSecond).toBe('0.15');
    expect((await api.get('/tool-prices')).body.data).toEqual(PRICING.tools);
  });

  test('all or nothing: a file whose last entry is invalid writes none of the valid entries before it', async () => {
    const file = {
      version: 1,
      models: [
        { model: 'claude-sonnet-4-5', mode: 'token', input: '99' },
        { model: 'another-new', mode: 'free' },
        { model: 'broken', mode: 'per_call' },
      ],
      tools: [{ tool: 'web_search', perCall: '9' }],
    };
    const res = await refused('?dryRun=false&allowUnknown=true', file, 400);
    expect(errorFields(res)).toEqual(['models[2].perCall']);
  });

  const tier = (upTo: number | null) => ({ upTo, input: '1' });
  test.each([
    ['per_call without perCall', { models: [{ model: 'a', mode: 'free' }, { model: 'b', mode: 'free' }, { model: 'c', mode: 'per_call' }] }, ['models[2].perCall']],
    ['a tool price as a number', { tools: [{ tool: 't', perCall: 0.01 }] }, ['tools[0].perCall']],
    ['a negative factor', { multipliers: [{ name: 'm', factor: '-1' }] }, ['multipliers[0].factor']],
    ['a duplicate model', { models: [{ model: 'a', mode: 'free' }, { model: 'a', mode: 'free' }] }, ['models[1].model']],
    ['a duplicate tool', { tools: [{ tool: 't', perCall: '1' }, { tool: 't', perCall: '2' }] }, ['tools[1].tool']],
    ['a duplicate multiplier', { multipliers: [{ name: 'm', factor: '1' }, { name: 'm', factor: '2' }] }, ['multipliers[1].name']],
    ['tiers out of order', { models: [{ model: 'a', mode: 'tiered', tiers: [tier(10), tier(5), tier(null)] }] }, ['models[0].tiers[1].upTo']],
    ['a field of another mode', { models: [{ model: 'a', mode: 'token', perSecond: '1' }] }, ['models[0].perSecond']],
    ['an unknown field in a tier', { models: [{ model: 'a', mode: 'tiered', tiers: [tier(10), { upTo: null, cached: '1' }] }] }, ['models[0].tiers[1].cached']],
    ['an unknown top-level field', { prices: [] }, ['prices']],
    ['models not an array', { models: {} }, ['models']],
    ['several problems in different lists', { models: [{ model: 'a', mode: 'token', input: 3 }], tools: [{ tool: 't', perCall: '1', enabled: 'yes' }] }, ['models[0].input', 'tools[0].enabled']],
  ])('a file with %s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const res = await refused('?dryRun=false&allowUnknown=true', { version: 1, ...body }, 400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res).sort()).toEqual([...fields].sort());
  });

  test.each([
    ['version 2', { ...PRICING, version: 2 }, 'version'],
    ['no version', { models: [] }, 'version'],
    ['a currency other than the billing currency', { ...PRICING, currency: 'EUR' }, 'currency'],
    ['a lowercase currency', { ...PRICING, currency: 'usd' }, 'currency'],
  ])('a file with %s → 400 naming %s, nothing written (dry run too)', async (_what, file, field) => {
    for (const query of ['?dryRun=true', '?dryRun=false&allowUnknown=true']) {
      const res = await refused(query, file, 400);
      expect(errorFields(res)).toEqual([field]);
    }
  });

  test('a body that is not a JSON object → 400 at (root)', async () => {
    const res = await refused('?dryRun=false', [PRICING], 400);
    expect(errorFields(res)).toEqual(['(root)']);
  });

  test('an invalid query option → 400 naming it, nothing written', async () => {
    expect(errorFields(await refused('?dryRun=yes', PRICING, 400))).toEqual(['dryRun']);
    expect(errorFields(await refused('?dryRun=false&allowUnknown=1', PRICING, 400))).toEqual(['allowUnknown']);
  });
});
