// POST /usage-billing/quote: the admin's bill preview of a draft (unsaved) model price. A draft equal to
// the saved price gives exactly the content-API /quote bill; the draft is validated like the model-price
// create body and the usage like /quote, errors naming the field; it writes nothing; it needs pricing.read.
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken, limitedAdminToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { client, dumpTables } from '../helpers/pricing';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

const CLAUDE_USAGE = { inputTokens: 2000, outputTokens: 1200, cacheReadTokens: 50000, cacheWriteTokens: 10000 };

// Bodies of the content-API /quote; the admin sends the same without `model`, plus the draft price.
const SAME_AS_SAVED: [string, Record<string, unknown>][] = [
  ['token model with cache reads and writes', { model: 'claude-sonnet-4-5', usage: CLAUDE_USAGE }],
  ['token model, priority tier and a tool (today\'s multiplier and tool price)', {
    model: 'claude-sonnet-4-5', usage: CLAUDE_USAGE, tools: [{ tool: 'web_search', calls: 3 }], serviceTier: 'priority',
  }],
  ['tiered model in its second tier', { model: 'gemini-2.5-pro', usage: { inputTokens: 150000, cacheReadTokens: 50001, outputTokens: 1000 } }],
  ['per_call model, 3 calls', { model: 'gpt-image-1', usage: { calls: 3 } }],
  ['per_second model, 12.345 s', { model: 'sora-2', usage: { durationSeconds: 12.345 } }],
  ['free model with a tool', { model: 'llama-3.1-8b', usage: { inputTokens: 5000 }, tools: [{ tool: 'web_search', calls: 2 }] }],
  ['an unknown tool (flagged, not charged)', { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, tools: [{ tool: 'image_gen', calls: 1 }] }],
];

describe(`POST /usage-billing/quote (${process.env.TEST_DB})`, () => {
  let admin: ReturnType<typeof client>;
  let gateway: ReturnType<typeof client>;
  let saved: Record<string, any>;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage' });
    admin = client(ctx.server, await adminToken(ctx.strapi));
    gateway = client(ctx.server, await apiToken(ctx.strapi, ['gateway.quote']), '/api/usage-billing');
    const prices = (await admin.get('/model-prices')).body.data;
    // The form's values of each saved price: what the model-price create body takes.
    saved = Object.fromEntries(prices.map(({ version: _v, updatedAt: _u, inCatalog: _c, ...price }: any) => [price.model, price]));
  });

  test.each(SAME_AS_SAVED)('%s: a draft equal to the saved price → exactly the content-API /quote bill', async (_what, body) => {
    const { model, ...usage } = body;
    const expected = await gateway.post('/quote', body);
    expect(expected.status).toBe(200);
    const res = await admin.post('/quote', { price: saved[model as string], ...usage });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected.body);
  });

  test('a draft differing from the saved price is priced with the draft; today\'s tools and multipliers still apply', async () => {
    const draft = { ...saved['claude-sonnet-4-5'], input: '6', cacheWrite: '0' };
    const res = await admin.post('/quote', { price: draft, usage: CLAUDE_USAGE, tools: [{ tool: 'web_search', calls: 1 }], serviceTier: 'priority' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      model: 'claude-sonnet-4-5', mode: 'token', currency: 'USD', multiplier: '2', flags: [],
      lines: [
        { item: 'input', quantity: '2000', unitPrice: '6', unit: '1M tokens', amount: '0.024' },
        { item: 'output', quantity: '1200', unitPrice: '15', unit: '1M tokens', amount: '0.036' },
        { item: 'cache_read', quantity: '50000', unitPrice: '0.3', unit: '1M tokens', amount: '0.03' },
        { item: 'cache_write', quantity: '10000', unitPrice: '0', unit: '1M tokens', amount: '0' },
        { item: 'tool:web_search', quantity: '1', unitPrice: '0.01', unit: 'call', amount: '0.01' },
      ],
      modelCost: '0.09', toolCost: '0.01', total: '0.1',
    });
  });

  test('a draft for a model that has no price yet (a new price being created) writes nothing', async () => {
    const before = await dumpTables(ctx.strapi);
    const res = await admin.post('/quote', { price: { model: 'acme-draft', mode: 'per_second', perSecond: '0.0125' }, usage: { durationSeconds: 0.5 } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      model: 'acme-draft', mode: 'per_second', total: '0.00625',
      lines: [{ item: 'duration', quantity: '0.5', unitPrice: '0.0125', unit: 'second', amount: '0.00625' }],
    });
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test.each([
    ['a negative draft price', { price: { model: 'x', mode: 'token', input: '-1' }, usage: {} }, ['price.input']],
    ['a draft without its per-call price', { price: { model: 'x', mode: 'per_call' }, usage: {} }, ['price.perCall']],
    ['tiers that do not ascend', { price: { model: 'x', mode: 'tiered', tiers: [{ upTo: 10, input: '1' }, { upTo: 10, input: '1' }, { upTo: null, input: '1' }] }, usage: {} }, ['price.tiers[1].upTo']],
    ['a draft price as a JSON number and a token count as a string', { price: { model: 'x', mode: 'token', output: 15 }, usage: { inputTokens: '1000' } }, ['price.output', 'usage.inputTokens']],
    ['no draft', { usage: { inputTokens: 1 } }, ['price']],
    ['no usage (required, as in /quote)', { price: { model: 'x', mode: 'free' } }, ['usage']],
    ['a model next to the draft', { price: { model: 'x', mode: 'free' }, model: 'y', usage: {} }, ['model']],
    ['an unknown field', { price: { model: 'x', mode: 'free' }, usage: {}, usages: {} }, ['usages']],
    ['an unknown service tier', { price: { model: 'x', mode: 'free' }, usage: {}, serviceTier: 'turbo' }, ['serviceTier']],
  ])('%s → 400 naming %j, nothing written', async (_what, body, fields) => {
    const before = await dumpTables(ctx.strapi);
    const res = await admin.post('/quote', body);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res).sort()).toEqual([...fields].sort());
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test('the usage part is validated exactly as the content-API /quote (same fields, same messages)', async () => {
    const usage = { usage: { inputTokens: -1, durationSeconds: '3' }, tools: [{ tool: '' }], status: 'done' };
    const content = await gateway.post('/quote', { model: 'claude-sonnet-4-5', ...usage });
    const preview = await admin.post('/quote', { price: saved['claude-sonnet-4-5'], ...usage });
    expect([content.status, preview.status]).toEqual([400, 400]);
    expect(preview.body.error.details.errors).toEqual(content.body.error.details.errors);
  });

  test('RBAC: no JWT → 401; without pricing.read → 403; pricing.read alone → 200', async () => {
    const body = { price: { model: 'x', mode: 'per_call', perCall: '1' }, usage: {} };
    expect((await client(ctx.server, '').post('/quote', body)).status).toBe(401);
    const others = await limitedAdminToken(ctx.strapi, ['pricing.update', 'logs.read', 'accounts.read']);
    expect((await client(ctx.server, others).post('/quote', body)).status).toBe(403);
    const reader = await limitedAdminToken(ctx.strapi, ['pricing.read']);
    const res = await client(ctx.server, reader).post('/quote', body);
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe('1');
  });
});
