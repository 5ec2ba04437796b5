// POST /api/usage-billing/quote: the bill equals, to the last digit, what the `usage-billing quote` CLI
// prints for the exported pricing file and the same body; bad bodies are refused naming the field;
// a quote writes nothing.
import type { Response } from 'supertest';
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { cliQuote, client, dumpTables } from '../helpers/pricing';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

const CLAUDE_USAGE = { inputTokens: 2000, outputTokens: 1200, cacheReadTokens: 50000, cacheWriteTokens: 10000 };
const PRIORITY_BODY = { model: 'claude-sonnet-4-5', usage: CLAUDE_USAGE, tools: [{ tool: 'web_search', calls: 3 }], serviceTier: 'priority' };

/** A /quote body as a client sends it (JSON, not yet validated). */
type QuoteBody = { model: string; [field: string]: unknown };

// [what, body, expected part of the bill]: totals worked out by hand from docs/pricing.md.
const CASES: [string, QuoteBody, object][] = [
  ['token model with cache reads and writes', { model: 'claude-sonnet-4-5', usage: CLAUDE_USAGE }, {
    mode: 'token', modelCost: '0.0765', toolCost: '0', multiplier: '1', total: '0.0765', flags: [],
    lines: [
      { item: 'input', quantity: '2000', unitPrice: '3', unit: '1M tokens', amount: '0.006' },
      { item: 'output', quantity: '1200', unitPrice: '15', unit: '1M tokens', amount: '0.018' },
      { item: 'cache_read', quantity: '50000', unitPrice: '0.3', unit: '1M tokens', amount: '0.015' },
      { item: 'cache_write', quantity: '10000', unitPrice: '3.75', unit: '1M tokens', amount: '0.0375' },
    ],
  }],
  ['tiered model at exactly 200,000 prompt tokens (first tier)', { model: 'gemini-2.5-pro', usage: { inputTokens: 150000, cacheReadTokens: 50000, outputTokens: 1000 } },
    { mode: 'tiered', tier: 0, total: '0.20375' }], // 0.1875 + 0.01 + 0.00625
  ['tiered model at 200,001 prompt tokens (whole call in the second tier)', { model: 'gemini-2.5-pro', usage: { inputTokens: 150000, cacheReadTokens: 50001, outputTokens: 1000 } },
    { mode: 'tiered', tier: 1, total: '0.40250025' }], // 0.375 + 0.015 + 0.01250025
  ['per_call model without calls (one call)', { model: 'gpt-image-1', usage: {} },
    { mode: 'per_call', total: '0.04', lines: [{ item: 'call', quantity: '1', unitPrice: '0.04', unit: 'call', amount: '0.04' }] }],
  ['per_call model with 3 calls', { model: 'gpt-image-1', usage: { calls: 3 } }, { mode: 'per_call', total: '0.12' }],
  ['per_second model with 0.333 s', { model: 'sora-2', usage: { durationSeconds: 0.333 } },
    { mode: 'per_second', total: '0.0333', lines: [{ item: 'duration', quantity: '0.333', unitPrice: '0.1', unit: 'second', amount: '0.0333' }] }],
  ['per_second model with 12.345 s', { model: 'sora-2', usage: { durationSeconds: 12.345 } }, { total: '1.2345' }],
  ['per_second amount below a nano, rounded half-up once on the total', { model: 'sora-2', usage: { durationSeconds: 0.000000005 } },
    { modelCost: '0.0000000005', total: '0.000000001' }],
  ['free model with repeated web_search reports', { model: 'llama-3.1-8b', usage: { inputTokens: 5000, outputTokens: 500 }, tools: [{ tool: 'web_search', calls: 2 }, { tool: 'web_search', calls: 1 }] }, {
    mode: 'free', modelCost: '0', toolCost: '0.03', total: '0.03',
    lines: [{ item: 'tool:web_search', quantity: '3', unitPrice: '0.01', unit: 'call', amount: '0.03' }],
  }],
  ['priority multiplier: model lines doubled, tool not', PRIORITY_BODY,
    { multiplier: '2', modelCost: '0.153', toolCost: '0.03', total: '0.183' }],
  ['priority multiplier on a tiered model', { model: 'gemini-2.5-pro', usage: { inputTokens: 200001, outputTokens: 10 }, serviceTier: 'priority' },
    { tier: 1, multiplier: '2', total: '1.000305' }], // (200001 × 2.5 + 10 × 15) / 1M × 2
  ['null and ignored ids: multiplier 1', { requestId: 'ignored', userId: 'ignored', model: 'gpt-image-1', usage: {}, serviceTier: null }, { multiplier: '1', total: '0.04' }],
  ['an unknown tool: flagged, not charged', { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, tools: [{ tool: 'image_gen', calls: 1 }] },
    { total: '0.003', flags: ['unknown_tool:image_gen'] }],
  ['a model without a price: unpriced', { model: 'no-such-model', usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 1 }] },
    { mode: 'unpriced', lines: [], total: '0', flags: ['unpriced'] }],
];

describe(`POST /api/usage-billing/quote (${process.env.TEST_DB})`, () => {
  let quote: (body: unknown) => Promise<Response>;
  let pricingFile: unknown;
  let admin: ReturnType<typeof client>;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage' });
    const gw = client(ctx.server, await apiToken(ctx.strapi, ['gateway.quote']), '/api/usage-billing');
    quote = (body) => gw.post('/quote', body);
    admin = client(ctx.server, await adminToken(ctx.strapi));
    pricingFile = (await admin.get('/model-prices/export')).body;
  });

  test.each(CASES)('%s: the bill is exact and equals the CLI output', async (_what, body, expected) => {
    const res = await quote(body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ model: body.model, currency: 'USD', ...expected });
    const cli = cliQuote(pricingFile, body);
    expect(cli.status).toBe(0);
    expect(res.body).toEqual({ data: cli.json });
  });

  test('the amounts of the priority bill: model lines doubled, unit prices kept', async () => {
    const res = await quote(PRIORITY_BODY);
    expect(res.body.data.lines).toEqual([
      { item: 'input', quantity: '2000', unitPrice: '3', unit: '1M tokens', amount: '0.012' },
      { item: 'output', quantity: '1200', unitPrice: '15', unit: '1M tokens', amount: '0.036' },
      { item: 'cache_read', quantity: '50000', unitPrice: '0.3', unit: '1M tokens', amount: '0.03' },
      { item: 'cache_write', quantity: '10000', unitPrice: '3.75', unit: '1M tokens', amount: '0.075' },
      { item: 'tool:web_search', quantity: '3', unitPrice: '0.01', unit: 'call', amount: '0.03' },
    ]);
  });

  test('an unknown serviceTier → 400 naming serviceTier (the CLI refuses it too)', async () => {
    const body = { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, serviceTier: 'turbo' };
    const res = await quote(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toEqual(['serviceTier']);
    const cli = cliQuote(pricingFile, body);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^serviceTier: /);
  });

  const usage = (fields: object) => ({ model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, ...fields } });
  test.each([
    ['inputTokens as a string', usage({ inputTokens: '1000' }), 'usage.inputTokens'],
    ['negative inputTokens', usage({ inputTokens: -1 }), 'usage.inputTokens'],
    ['fractional outputTokens', usage({ outputTokens: 1.5 }), 'usage.outputTokens'],
    ['cacheReadTokens above 2^53 - 1', usage({ cacheReadTokens: 2 ** 53 }), 'usage.cacheReadTokens'],
    ['an unknown usage field', usage({ reasoningTokens: 10 }), 'usage.reasoningTokens'],
    ['durationSeconds as a string', usage({ durationSeconds: '0.5' }), 'usage.durationSeconds'],
    ['negative durationSeconds', usage({ durationSeconds: -0.5 }), 'usage.durationSeconds'],
    ['tool calls as a string', { ...usage({}), tools: [{ tool: 'web_search', calls: '2' }] }, 'tools[0].calls'],
    ['an unknown tool field', { ...usage({}), tools: [{ tool: 'web_search', calls: 1, cost: '1' }] }, 'tools[0].cost'],
    ['65 tool uses', { ...usage({}), tools: Array.from({ length: 65 }, () => ({ tool: 'web_search', calls: 1 })) }, 'tools'],
    ['an unknown top-level field', { ...usage({}), temperature: 0.7 }, 'temperature'],
    ['no model', { usage: {} }, 'model'],
    ['no usage', { model: 'claude-sonnet-4-5' }, 'usage'],
    ['usage as an array', { model: 'claude-sonnet-4-5', usage: [] }, 'usage'],
    ['serviceTier as a number', { ...usage({}), serviceTier: 2 }, 'serviceTier'],
    ['an empty requestId', { ...usage({}), requestId: '' }, 'requestId'],
    ['an unknown status', { ...usage({}), status: 'ok' }, 'status'],
  ])('%s → 400 naming %s (and the CLI names the same path)', async (_what, body, field) => {
    const res = await quote(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toEqual([field]);
    const cli = cliQuote(pricingFile, body);
    expect(cli.status).toBe(1);
    expect(cli.stderr.split('\n')[0]).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
  });

  test('a body that is not a JSON object → 400', async () => {
    const res = await quote([{ model: 'claude-sonnet-4-5', usage: {} }]);
    expect(res.status).toBe(400);
    expect(errorFields(res)).toEqual(['']);
  });

  test('quotes write nothing: no usage log, rollup, account, ledger entry, hold or catalog entry', async () => {
    const before = await dumpTables(ctx.strapi);
    for (const [, body] of CASES) expect((await quote(body)).status).toBe(200);
    await quote({ model: 'claude-sonnet-4-5', usage: {}, serviceTier: 'turbo' });
    await quote({ requestId: 'q-1', userId: 'someone-new', model: 'another-unknown-model', usage: { inputTokens: 1 } });
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test('the largest valid price, token count and factor give the exact line amount', async () => {
    const max = '999999999999999.999999999999999999';
    expect((await admin.post('/model-prices', { model: 'extreme', mode: 'token', input: max })).status).toBe(201);
    expect((await admin.post('/multipliers', { name: 'extreme', factor: max })).status).toBe(201);
    const res = await quote({ model: 'extreme', usage: { inputTokens: Number.MAX_SAFE_INTEGER }, serviceTier: 'extreme' });
    expect(res.status).toBe(200);
    // Exact: max × 9007199254740991 × max / 10^6, computed with BigInt.
    const digits = (999999999999999999999999999999999n * 9007199254740991n * 999999999999999999999999999999999n).toString();
    const exact = `${digits.slice(0, -42)}.${digits.slice(-42).replace(/0+$/, '')}`;
    expect(res.body.data.total).toBe('9007199254740990999999999999999981985601.490518018');
    expect(res.body.data.lines[0].amount).toBe(exact);
  });

  test('a token without gateway.quote → 403; no token → 401', async () => {
    const other = client(ctx.server, await apiToken(ctx.strapi, ['gateway.usage']), '/api/usage-billing');
    expect((await other.post('/quote', CASES[0][1])).status).toBe(403);
    expect((await client(ctx.server, null, '/api/usage-billing').post('/quote', CASES[0][1])).status).toBe(401);
  });
});
