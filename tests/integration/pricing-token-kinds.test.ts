// The kinds of token beyond text, end to end on a booted Strapi: model prices with 1-hour cache writes,
// audio, image and video prices, a fee per request and the model's own tool prices are saved, stored with
// "not set" apart from "0", exported and imported unchanged; /quote prices them as the CLI does; /usage
// logs every count and bills it; bad prices and bodies are 400s naming the field, writing nothing.
import { bootForTests } from '../helpers/boot';
import { errorFields } from '../helpers/http';
import { balanceOf, fund, gatewaySuite, logRow, setSettings } from '../helpers/metering';
import { cliQuote, client, dumpTables } from '../helpers/pricing';

const ctx = bootForTests();

const USER = 'kinds-user';

// Public list prices, USD per 1M tokens (per call for tools and requests).
const CLAUDE = {
  model: 'kinds-claude',
  mode: 'token',
  input: '3',
  output: '15',
  cacheRead: '0.3',
  cacheWrite: '3.75',
  cacheWrite1h: '6',
  tools: { web_search: '0.01', x_search: '0.005' },
};
const REALTIME = {
  model: 'kinds-realtime',
  mode: 'token',
  input: '4',
  cacheRead: '0.4',
  output: '16',
  inputAudio: '32',
  cacheReadAudio: '0.4',
  outputAudio: '64',
  inputImage: '5',
  cacheReadImage: '0.5',
};
const SONAR = { model: 'kinds-sonar', mode: 'token', input: '1', output: '1', perRequest: '0.012' };
// A tiered price whose tiers carry audio and video prices; perRequest and tools belong to the model.
const TIERED = {
  model: 'kinds-tiered',
  mode: 'tiered',
  tiers: [
    { upTo: 1000, input: '1', output: '2', inputVideo: '3' },
    { upTo: null, input: '2', output: '4', inputVideo: '6', cacheRead: '0' },
  ],
  perRequest: '0.001',
  tools: { web_search: '0' },
};
// A missing cache price falls back to input; "0" is free. Both must survive storage, export and import.
const FREE_CACHE = { model: 'kinds-free-cache', mode: 'token', input: '2', output: '8', cacheRead: '0' };

const REALTIME_USAGE = {
  inputTokens: 1200,
  cacheReadTokens: 800,
  inputAudioTokens: 3000,
  cacheReadAudioTokens: 6000,
  inputImageTokens: 500,
  cacheReadImageTokens: 100,
  outputTokens: 150,
  outputAudioTokens: 2500,
};

describe(`more kinds of token (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    admin = client(ctx.server, suite.admin);
    for (const price of [CLAUDE, REALTIME, SONAR, TIERED, FREE_CACHE]) {
      const res = await admin.post('/model-prices', price);
      expect(res.status).toBe(201);
    }
    await fund(ctx.strapi, USER, '10');
  });

  test('a saved price keeps exactly the fields given: "not set" and "0" stay apart in the row', async () => {
    const rows = await ctx.strapi.db.connection('ub_model_prices').select('model', 'prices', 'tiers').whereIn('model', [CLAUDE.model, FREE_CACHE.model, TIERED.model]);
    const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
    const byModel = Object.fromEntries(rows.map((r: any) => [r.model, { prices: json(r.prices), tiers: json(r.tiers) }]));
    const { model: _m, mode: _mode, ...claudePrices } = CLAUDE;
    expect(byModel[CLAUDE.model].prices).toEqual(claudePrices);
    expect(byModel[FREE_CACHE.model].prices).toEqual({ input: '2', output: '8', cacheRead: '0' });
    expect(byModel[TIERED.model]).toEqual({ prices: { perRequest: '0.001', tools: { web_search: '0' } }, tiers: TIERED.tiers });

    const listed = (await admin.get('/model-prices')).body.data;
    expect(listed.find((p: any) => p.model === CLAUDE.model)).toMatchObject(CLAUDE);
    expect(listed.find((p: any) => p.model === FREE_CACHE.model)).not.toHaveProperty('cacheWrite');
  });

  test('export → import round-trips a missing price as missing and "0" as "0"; nothing changes', async () => {
    const exported = (await admin.get('/model-prices/export')).body;
    const entry = (model: string) => exported.models.find((m: any) => m.model === model);
    expect(entry(FREE_CACHE.model)).toEqual({ ...FREE_CACHE, enabled: true });
    expect(entry(TIERED.model)).toEqual({ ...TIERED, enabled: true });
    expect(entry(CLAUDE.model)).toEqual({ ...CLAUDE, enabled: true, tools: { web_search: '0.01', x_search: '0.005' } });
    const dry = await admin.post('/model-prices/import?dryRun=true', exported);
    expect(dry.status).toBe(200);
    expect(dry.body.data.models.changed).toEqual([]);
    const versions = async () => Object.fromEntries((await admin.get('/model-prices')).body.data.map((p: any) => [p.model, p.version]));
    const before = await versions();
    const applied = await admin.post('/model-prices/import?dryRun=false', exported);
    expect(applied.status).toBe(200);
    expect(applied.body.data.models.changed).toEqual([]);
    // Stored and re-imported unchanged: no price gets a new version.
    expect(await versions()).toEqual(before);
    expect((await admin.get('/model-prices/export')).body).toEqual(exported);
  });

  test('the CSV export has a column for every kind of token, perRequest and the tools as JSON', async () => {
    const csv = (await admin.get('/model-prices/export?format=csv')).text.split('\n');
    expect(csv).toContain(`${CLAUDE.model},token,true,,3,15,0.3,3.75,,,6,,,,,,,,,,"{""web_search"":""0.01"",""x_search"":""0.005""}"`);
    expect(csv).toContain(`${SONAR.model},token,true,,1,1,,,,,,,,,,,,,,0.012,`);
  });

  const quoteCases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['Claude: 1-hour cache writes at their own price, web search at the model\'s price', {
      model: CLAUDE.model, usage: { inputTokens: 2000, cacheWriteTokens: 10000, cacheWrite1hTokens: 20000 }, tools: [{ tool: 'web_search', calls: 3 }],
    }, { modelCost: '0.1635', toolCost: '0.03', total: '0.1935' }],
    ['Claude: a tool only the model prices is charged, not flagged', {
      model: CLAUDE.model, usage: {}, tools: [{ tool: 'x_search', calls: 2 }],
    }, { total: '0.01', flags: [] }],
    ['gpt-realtime: audio, cached audio, image and cached image', { model: REALTIME.model, usage: REALTIME_USAGE }, { total: '0.26847' }],
    ['Sonar: a fee per request, doubled by the priority tier', { model: SONAR.model, usage: { inputTokens: 500, outputTokens: 300 }, serviceTier: 'priority' },
      { modelCost: '0.0256', total: '0.0256' }],
    ['tiered: video input counts toward the tier size; the tier\'s own "0" cache price is free', {
      model: TIERED.model, usage: { inputTokens: 500, inputVideoTokens: 501, cacheReadTokens: 1000 }, tools: [{ tool: 'web_search', calls: 1 }],
    }, { tier: 1, total: '0.005006' }],
    ['a missing cache-write price bills at input, an explicit "0" cache read is free', {
      model: FREE_CACHE.model, usage: { cacheReadTokens: 1000, cacheWriteTokens: 1000 },
    }, { total: '0.002' }],
  ];

  test.each(quoteCases)('%s: /quote is exact and equals the CLI', async (_what, body, expected) => {
    const res = await suite.post('/quote', body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject(expected);
    const pricingFile = (await admin.get('/model-prices/export')).body;
    const cli = cliQuote(pricingFile, body);
    expect(cli.status).toBe(0);
    expect(res.body).toEqual({ data: cli.json });
  });

  test("tool billing off: the model's own tool prices create no line either", async () => {
    await setSettings(ctx.strapi, { toolBilling: false });
    try {
      const res = await suite.post('/quote', { model: CLAUDE.model, usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 3 }, { tool: 'x_search', calls: 1 }] });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ toolCost: '0', total: '0.003' });
    } finally {
      await setSettings(ctx.strapi, { toolBilling: true });
    }
  });

  test('/usage logs every count in its column, bills every line, and counts all tokens in the rollup', async () => {
    const body = { requestId: 'kinds-1', userId: USER, model: REALTIME.model, usage: REALTIME_USAGE };
    const res = await suite.post('/usage', body);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ cost: '0.26847', charged: '0.26847', balance: '9.73153' });
    expect(res.body.data.lines.map((l: any) => l.item)).toEqual([
      'input', 'output', 'cache_read', 'input_audio', 'cache_read_audio', 'input_image', 'cache_read_image', 'output_audio',
    ]);
    expect(await balanceOf(ctx.strapi, USER)).toBe('9.73153');

    const row = (await logRow(ctx.strapi, 'kinds-1'))!;
    const counts = Object.fromEntries(
      ['input_tokens', 'cache_read_tokens', 'input_audio_tokens', 'cache_read_audio_tokens', 'input_image_tokens', 'cache_read_image_tokens',
        'output_tokens', 'output_audio_tokens', 'cache_write_tokens', 'cache_write_1_h_tokens', 'input_video_tokens', 'output_image_tokens', 'output_video_tokens']
        .map((column) => [column, String(row[column])]),
    );
    expect(counts).toEqual({
      input_tokens: '1200', cache_read_tokens: '800', input_audio_tokens: '3000', cache_read_audio_tokens: '6000', input_image_tokens: '500',
      cache_read_image_tokens: '100', output_tokens: '150', output_audio_tokens: '2500', cache_write_tokens: '0', cache_write_1_h_tokens: '0',
      input_video_tokens: '0', output_image_tokens: '0', output_video_tokens: '0',
    });
    const rollup = await ctx.strapi.db.connection('ub_usage_rollups').where({ user_id: USER, model: REALTIME.model }).first();
    expect(String(rollup.tokens)).toBe('14250');

    // The admin's log: every count, as strings; and in the CSV export.
    const logs = (await admin.get(`/usage-logs?userId=${USER}`)).body.data;
    expect(logs[0]).toMatchObject({ requestId: 'kinds-1', inputAudioTokens: '3000', cacheReadAudioTokens: '6000', outputAudioTokens: '2500', inputVideoTokens: '0' });
    const csv = (await admin.get(`/usage-logs/export?userId=${USER}`)).text.trim().split('\n');
    expect(csv[0].endsWith(',cacheWrite1hTokens,inputAudioTokens,cacheReadAudioTokens,inputImageTokens,cacheReadImageTokens,inputVideoTokens,outputAudioTokens,outputImageTokens,outputVideoTokens,errorMessage')).toBe(true);
    // The last column is the reason of a failed call: empty for this successful one.
    expect(csv[1].endsWith(',0,3000,6000,500,100,0,2500,0,0,')).toBe(true);
  });

  test('an identical retry with the new counts is a replay; a 0 count is the same report as none', async () => {
    const body = { requestId: 'kinds-2', userId: USER, model: CLAUDE.model, usage: { inputTokens: 10, cacheWrite1hTokens: 1000 } };
    expect((await suite.post('/usage', body)).status).toBe(201);
    const replay = await suite.post('/usage', { ...body, usage: { ...body.usage, outputVideoTokens: 0 } });
    expect(replay.status).toBe(200);
    expect((await suite.post('/usage', { ...body, usage: { ...body.usage, cacheWrite1hTokens: 1001 } })).status).toBe(409);
  });

  const usage = (fields: object) => ({ requestId: 'kinds-bad', userId: USER, model: REALTIME.model, usage: { inputTokens: 1, ...fields } });
  test.each([
    ['an audio count as a string', usage({ inputAudioTokens: '5' }), 'usage.inputAudioTokens'],
    ['a negative 1-hour cache write count', usage({ cacheWrite1hTokens: -1 }), 'usage.cacheWrite1hTokens'],
    ['a count the contract does not name', usage({ cacheWriteAudioTokens: 1 }), 'usage.cacheWriteAudioTokens'],
    ['reasoning tokens (not a kind of its own)', usage({ reasoningTokens: 1 }), 'usage.reasoningTokens'],
  ])('/usage with %s → 400 naming %s, nothing written', async (_what, body, field) => {
    const before = await dumpTables(ctx.strapi);
    const res = await suite.post('/usage', body);
    expect(res.status).toBe(400);
    expect(errorFields(res)).toEqual([field]);
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test.each([
    ['cached audio ambiguous', { model: 'kinds-bad', mode: 'token', cacheRead: '0.4', inputAudio: '32' }, ['cacheReadAudio']],
    ['cached image ambiguous in a tier', { model: 'kinds-bad', mode: 'tiered', tiers: [{ upTo: null, cacheRead: '1', inputImage: '2' }] }, ['tiers[0].cacheReadImage']],
    ['a negative 1-hour cache write price', { model: 'kinds-bad', mode: 'token', cacheWrite1h: '-6' }, ['cacheWrite1h']],
    ['a video price as a number', { model: 'kinds-bad', mode: 'token', outputVideo: 1 }, ['outputVideo']],
    ['perRequest in a tier', { model: 'kinds-bad', mode: 'tiered', tiers: [{ upTo: null, perRequest: '0.01' }] }, ['tiers[0].perRequest']],
    ['perRequest on a per_call model', { model: 'kinds-bad', mode: 'per_call', perCall: '1', perRequest: '0.01' }, ['perRequest']],
    ['a tool price that is not a decimal', { model: 'kinds-bad', mode: 'token', tools: { web_search: 'free' } }, ['tools.web_search']],
    ['tools as a list', { model: 'kinds-bad', mode: 'token', tools: [{ tool: 'web_search', perCall: '0.01' }] }, ['tools']],
  ])('a model price with %s → 400 naming the field, nothing written', async (_what, body, fields) => {
    const before = await dumpTables(ctx.strapi);
    const res = await admin.post('/model-prices', body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toEqual(fields);
    expect(await dumpTables(ctx.strapi)).toEqual(before);
  });

  test('the admin preview of a draft prices the new kinds, and names a bad draft field under price.', async () => {
    const { model: _model, ...sample } = { model: REALTIME.model, usage: REALTIME_USAGE };
    const ok = await admin.post('/quote', { price: REALTIME, ...sample });
    expect(ok.status).toBe(200);
    expect(ok.body.data.total).toBe('0.26847');
    const bad = await admin.post('/quote', { price: { ...REALTIME, cacheReadAudio: undefined }, ...sample });
    expect(bad.status).toBe(400);
    expect(errorFields(bad)).toEqual(['price.cacheReadAudio']);
  });
});
