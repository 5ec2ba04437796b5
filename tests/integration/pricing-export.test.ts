// Pricing file export (GET /usage-billing/model-prices/export): canonical JSON that round-trips through
// import, and the CSV form.
import { bootForTests } from '../helpers/boot';
import { adminToken } from '../helpers/auth';
import { PRICING } from '../helpers/fixtures';
import { client, sortedFile } from '../helpers/pricing';

const ctx = bootForTests();

/** The fixture in canonical form: `enabled` written on every model, lists sorted by name. */
const NORMALIZED_FIXTURE = sortedFile({ ...PRICING, models: PRICING.models.map((m) => ({ ...m, enabled: true })) });

// The columns of the first version keep their places; the other token kinds, perRequest and tools follow.
const CSV_HEADER =
  'model,mode,enabled,upTo,input,output,cacheRead,cacheWrite,perCall,perSecond,' +
  'cacheWrite1h,inputAudio,cacheReadAudio,inputImage,cacheReadImage,inputVideo,outputAudio,outputImage,outputVideo,perRequest,tools';
/** The empty cells of those later columns, for a row that sets none of them. */
const NONE_LATER = ',,,,,,,,,,,';

describe(`pricing export (${process.env.TEST_DB})`, () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    api = client(ctx.server, await adminToken(ctx.strapi));
  });
  const exportJson = async () => {
    const res = await api.get('/model-prices/export');
    expect(res.status).toBe(200);
    return res.body;
  };
  const importFile = async (query: string, file: unknown) => {
    const res = await api.post(`/model-prices/import${query}`, file);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  test('with no prices: an empty pricing file, and a CSV with only its header', async () => {
    expect(await exportJson()).toEqual({ version: 1, currency: 'USD', models: [], tools: [], multipliers: [] });
    const csv = await api.get('/model-prices/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(`${CSV_HEADER}\n`);
  });

  test('after importing the fixture, the export equals the normalized fixture, already sorted by name', async () => {
    await importFile('?dryRun=false&allowUnknown=true', PRICING);
    const res = await api.get('/model-prices/export');
    expect(res.headers['content-disposition']).toBe('attachment; filename="pricing.json"');
    expect(res.body).toEqual(NORMALIZED_FIXTURE);
    expect(res.body).toEqual(sortedFile(res.body));
  });

  test('importing the export again reports everything unchanged and bumps no version', async () => {
    const exported = await exportJson();
    const dry = await importFile('?dryRun=true', exported);
    const names = exported.models.map((m: any) => m.model);
    expect(dry).toEqual({
      dryRun: true, applied: false,
      models: { new: [], changed: [], unchanged: names },
      unknown: [],
      tools: { new: [], changed: [], unchanged: ['web_search'] },
      multipliers: { new: [], changed: [], unchanged: ['priority'] },
    });
    expect(await importFile('?dryRun=false', exported)).toMatchObject({ applied: true, models: { changed: [], unchanged: names } });
    const versions = (await api.get('/model-prices')).body.data.map((p: any) => p.version);
    expect(versions).toEqual(names.map(() => 1));
    expect(await exportJson()).toEqual(exported);
  });

  test('CSV: a header, one row per model and one per tier of a tiered model, prices canonical', async () => {
    const res = await api.get('/model-prices/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="model-prices.csv"');
    expect(res.text.split('\n')).toEqual([
      CSV_HEADER,
      `claude-sonnet-4-5,token,true,,3,15,0.3,3.75,,${NONE_LATER}`,
      `gemini-2.5-pro,tiered,true,200000,1.25,10,0.125,,,${NONE_LATER}`,
      `gemini-2.5-pro,tiered,true,,2.5,15,0.25,,,${NONE_LATER}`,
      `gpt-image-1,per_call,true,,,,,,0.04,${NONE_LATER}`,
      `llama-3.1-8b,free,true,,,,,,,${NONE_LATER}`,
      `sora-2,per_second,true,,,,,,,0.1${NONE_LATER}`,
      '',
    ]);
  });

  test('non-canonical input (padded decimals, disabled entries, fields in any order) exports canonical and round-trips', async () => {
    const messy = {
      version: 1,
      multipliers: [{ factor: '0.50', name: 'batch' }],
      tools: [{ enabled: false, perCall: '00.0250', tool: 'code_exec' }],
      models: [
        { output: '010.0', mode: 'token', model: 'acme-messy', input: '0.30' },
        { mode: 'tiered', model: 'acme-tiers', enabled: false, tiers: [{ output: '2.50', upTo: 1000 }, { upTo: null, output: '5' }] },
      ],
    };
    await importFile('?dryRun=false&allowUnknown=true', messy);
    const exported = await exportJson();
    expect(exported.models.find((m: any) => m.model === 'acme-messy')).toEqual({ model: 'acme-messy', mode: 'token', enabled: true, input: '0.3', output: '10' });
    expect(exported.models.find((m: any) => m.model === 'acme-tiers')).toEqual({
      model: 'acme-tiers', mode: 'tiered', enabled: false, tiers: [{ upTo: 1000, output: '2.5' }, { upTo: null, output: '5' }],
    });
    expect(exported.tools).toEqual([{ tool: 'code_exec', perCall: '0.025', enabled: false }, { tool: 'web_search', perCall: '0.01', enabled: true }]);
    expect(exported.multipliers).toEqual([{ name: 'batch', factor: '0.5' }, { name: 'priority', factor: '2' }]);
    // Re-importing the messy file and the export changes nothing, and the export is stable to the byte.
    expect((await importFile('?dryRun=true', messy)).models).toEqual({ new: [], changed: [], unchanged: ['acme-messy', 'acme-tiers'] });
    expect((await importFile('?dryRun=true', exported)).models.changed).toEqual([]);
    expect(JSON.stringify(await exportJson())).toBe(JSON.stringify(exported));
  });

  test('CSV quotes a name holding a comma or a quote', async () => {
    await importFile('?dryRun=false&allowUnknown=true', { version: 1, models: [{ model: 'acme,"x"', mode: 'per_call', perCall: '1.50' }] });
    const res = await api.get('/model-prices/export?format=csv');
    expect(res.text.split('\n')).toContain(`"acme,""x""",per_call,true,,,,,,1.5,${NONE_LATER}`);
  });
});
