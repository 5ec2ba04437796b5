import {
  bookFor,
  normalizePricingFile,
  validatePricingFile,
  type PricingFile,
  type ValidationError,
} from '../../../server/src/rating';
import { PRICING_FILE } from './fixtures';

// The example file from the docs, exactly as a person would write it.
const EXAMPLE = require('../../fixtures/example-pricing.json');

type Json = Record<string, unknown>;
const clone = (): Json => JSON.parse(JSON.stringify(EXAMPLE)) as Json;
const models = (file: Json) => file.models as Json[];

function errorsOf(input: unknown): ValidationError[] {
  const result = validatePricingFile(input);
  if (result.ok) throw new Error('expected the pricing file to be invalid');
  return result.errors;
}

function pathsOf(input: unknown): string[] {
  return errorsOf(input).map((e) => e.path);
}

/** Applies `change` to a copy of the example file and returns the error paths. */
function pathsAfter(change: (file: Json) => void): string[] {
  const file = clone();
  change(file);
  return pathsOf(file);
}

describe('validatePricingFile: valid files', () => {
  it('accepts the documented example and applies defaults', () => {
    const result = validatePricingFile(EXAMPLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.models).toHaveLength(5);
    expect(result.file.models.every((m) => m.enabled === true)).toBe(true);
    expect(result.file.models[0]).toMatchObject({ model: 'claude-sonnet-4-5', mode: 'token', input: '3', cacheRead: '0.3' });
  });

  it('defaults currency to USD and missing lists to empty', () => {
    const result = validatePricingFile({ version: 1 });
    expect(result).toEqual({ ok: true, file: { version: 1, currency: 'USD', models: [], tools: [], multipliers: [] } });
  });

  it('defaults a tool to enabled, keeps enabled: false on models and tools', () => {
    const result = validatePricingFile({
      version: 1,
      currency: 'EUR',
      models: [{ model: 'm', mode: 'token', enabled: false }],
      tools: [{ tool: 't', perCall: '0' }],
    });
    expect(result.ok && result.file).toEqual({
      version: 1,
      currency: 'EUR',
      models: [{ model: 'm', mode: 'token', enabled: false }],
      tools: [{ tool: 't', perCall: '0', enabled: true }],
      multipliers: [],
    });
  });

  it('accepts a single open tier and names of exactly 191 characters', () => {
    const name = 'x'.repeat(191);
    expect(validatePricingFile({ version: 1, models: [{ model: name, mode: 'tiered', tiers: [{ upTo: null, input: '1' }] }] }).ok).toBe(true);
  });
});

describe('validatePricingFile: each error at its exact path', () => {
  it.each<[string, (file: Json) => void, string[]]>([
    ['wrong version', (f) => (f.version = 2), ['version']],
    ['missing version', (f) => delete f.version, ['version']],
    ['lowercase currency', (f) => (f.currency = 'usd'), ['currency']],
    ['4-letter currency', (f) => (f.currency = 'USDT'), ['currency']],
    ['unknown top-level field', (f) => (f.comment = 'hi'), ['comment']],
    ['models not an array', (f) => (f.models = {}), ['models']],
    ['price as a JSON number', (f) => (models(f)[0]!.input = 3), ['models[0].input']],
    ['negative price', (f) => (models(f)[0]!.output = '-15'), ['models[0].output']],
    ['non-numeric price', (f) => (models(f)[0]!.cacheRead = 'abc'), ['models[0].cacheRead']],
    ['exponent price', (f) => (models(f)[0]!.cacheWrite = '1e3'), ['models[0].cacheWrite']],
    ['too many fraction digits', (f) => (models(f)[0]!.input = `0.${'1'.repeat(19)}`), ['models[0].input']],
    ['perCall on a token model', (f) => (models(f)[0]!.perCall = '0.1'), ['models[0].perCall']],
    ['tiers on a token model', (f) => (models(f)[0]!.tiers = []), ['models[0].tiers']],
    ['input on a tiered model', (f) => (models(f)[1]!.input = '1'), ['models[1].input']],
    ['unknown model field', (f) => (models(f)[0]!.color = 'red'), ['models[0].color']],
    ['unknown mode', (f) => (models(f)[0]!.mode = 'per_token'), ['models[0].mode']],
    ['missing mode', (f) => delete models(f)[0]!.mode, ['models[0].mode']],
    ['missing model name', (f) => delete models(f)[2]!.model, ['models[2].model']],
    ['empty model name', (f) => (models(f)[2]!.model = ''), ['models[2].model']],
    ['model name of 192 characters', (f) => (models(f)[2]!.model = 'm'.repeat(192)), ['models[2].model']],
    ['enabled not a boolean', (f) => (models(f)[2]!.enabled = 'yes'), ['models[2].enabled']],
    ['missing perCall', (f) => delete models(f)[2]!.perCall, ['models[2].perCall']],
    ['perSecond on a per_call model', (f) => (models(f)[2]!.perSecond = '1'), ['models[2].perSecond']],
    ['missing perSecond', (f) => delete models(f)[3]!.perSecond, ['models[3].perSecond']],
    ['price on a free model', (f) => (models(f)[4]!.input = '1'), ['models[4].input']],
    ['missing tiers', (f) => delete models(f)[1]!.tiers, ['models[1].tiers']],
    ['empty tiers', (f) => (models(f)[1]!.tiers = []), ['models[1].tiers']],
    ['tier upTo as a string', (f) => ((models(f)[1]!.tiers as Json[])[0]!.upTo = '200000'), ['models[1].tiers[0].upTo']],
    ['tier upTo zero', (f) => ((models(f)[1]!.tiers as Json[])[0]!.upTo = 0), ['models[1].tiers[0].upTo']],
    ['tier upTo fractional', (f) => ((models(f)[1]!.tiers as Json[])[0]!.upTo = 1.5), ['models[1].tiers[0].upTo']],
    ['tier upTo missing', (f) => delete (models(f)[1]!.tiers as Json[])[0]!.upTo, ['models[1].tiers[0].upTo']],
    ['tier with perCall', (f) => ((models(f)[1]!.tiers as Json[])[1]!.perCall = '1'), ['models[1].tiers[1].perCall']],
    ['tier price negative', (f) => ((models(f)[1]!.tiers as Json[])[1]!.output = '-1'), ['models[1].tiers[1].output']],
    ['last tier not open', (f) => ((models(f)[1]!.tiers as Json[])[1]!.upTo = 300000), ['models[1].tiers[1].upTo']],
    [
      'open tier before the last',
      (f) => (models(f)[1]!.tiers = [{ upTo: null, input: '1' }, { upTo: null, input: '2' }]),
      ['models[1].tiers[0].upTo'],
    ],
    [
      'tiers not ascending',
      (f) => (models(f)[1]!.tiers = [{ upTo: 200000 }, { upTo: 200000 }, { upTo: 100 }, { upTo: null }]),
      ['models[1].tiers[1].upTo', 'models[1].tiers[2].upTo'],
    ],
    ['duplicate model', (f) => models(f).push({ model: 'sora-2', mode: 'free' }), ['models[5].model']],
    ['tool enabled not a boolean', (f) => ((f.tools as Json[])[0]!.enabled = 'true'), ['tools[0].enabled']],
    ['tool price missing', (f) => delete (f.tools as Json[])[0]!.perCall, ['tools[0].perCall']],
    ['tool price as a number', (f) => ((f.tools as Json[])[0]!.perCall = 0.01), ['tools[0].perCall']],
    ['duplicate tool', (f) => (f.tools as Json[]).push({ tool: 'web_search', perCall: '0.02' }), ['tools[1].tool']],
    ['unknown tool field', (f) => ((f.tools as Json[])[0]!.perToken = '1'), ['tools[0].perToken']],
    ['negative factor', (f) => ((f.multipliers as Json[])[0]!.factor = '-2'), ['multipliers[0].factor']],
    ['factor as a number', (f) => ((f.multipliers as Json[])[0]!.factor = 2), ['multipliers[0].factor']],
    ['missing multiplier name', (f) => delete (f.multipliers as Json[])[0]!.name, ['multipliers[0].name']],
    ['duplicate multiplier', (f) => (f.multipliers as Json[]).push({ name: 'priority', factor: '3' }), ['multipliers[1].name']],
    // The token kinds beyond text, the fee per request and a model's own tool prices.
    ['1-hour cache write negative', (f) => (models(f)[0]!.cacheWrite1h = '-6'), ['models[0].cacheWrite1h']],
    ['audio price as a number', (f) => (models(f)[0]!.outputAudio = 64), ['models[0].outputAudio']],
    ['non-numeric output audio', (f) => (models(f)[0]!.outputAudio = 'sixty'), ['models[0].outputAudio']],
    ['exponent cached audio', (f) => (models(f)[0]!.cacheReadAudio = '4e-1'), ['models[0].cacheReadAudio']],
    ['image prices malformed', (f) => Object.assign(models(f)[0]!, { inputImage: '', outputImage: ' 1', cacheReadImage: '.5' }), ['models[0].inputImage', 'models[0].cacheReadImage', 'models[0].outputImage']],
    ['video prices malformed', (f) => Object.assign(models(f)[0]!, { inputVideo: '-1', outputVideo: null }), ['models[0].inputVideo', 'models[0].outputVideo']],
    ['tier audio price negative', (f) => ((models(f)[1]!.tiers as Json[])[0]!.outputAudio = '-1'), ['models[1].tiers[0].outputAudio']],
    ['unknown token kind', (f) => (models(f)[0]!.reasoning = '1'), ['models[0].reasoning']],
    ['audio price on a per_call model', (f) => (models(f)[2]!.inputAudio = '1'), ['models[2].inputAudio']],
    ['perRequest negative', (f) => (models(f)[0]!.perRequest = '-0.01'), ['models[0].perRequest']],
    ['perRequest as a number', (f) => (models(f)[1]!.perRequest = 0.012), ['models[1].perRequest']],
    ['perRequest in a tier', (f) => ((models(f)[1]!.tiers as Json[])[0]!.perRequest = '0.01'), ['models[1].tiers[0].perRequest']],
    ['perRequest on a per_second model', (f) => (models(f)[3]!.perRequest = '0.01'), ['models[3].perRequest']],
    ['perRequest on a free model', (f) => (models(f)[4]!.perRequest = '0.01'), ['models[4].perRequest']],
    ['model tools not an object', (f) => (models(f)[0]!.tools = [{ tool: 'web_search', perCall: '0.01' }]), ['models[0].tools']],
    ['model tool price as a number', (f) => (models(f)[0]!.tools = { web_search: 0.01 }), ['models[0].tools.web_search']],
    ['model tool price negative', (f) => (models(f)[1]!.tools = { web_search: '0.01', x_search: '-1' }), ['models[1].tools.x_search']],
    ['model tool with an empty name', (f) => (models(f)[0]!.tools = { '': '0.01' }), ['models[0].tools[""]']],
    ['model tools in a tier', (f) => ((models(f)[1]!.tiers as Json[])[1]!.tools = {}), ['models[1].tiers[1].tools']],
    ['model tools on a per_call model', (f) => (models(f)[2]!.tools = { web_search: '0.01' }), ['models[2].tools']],
    ['cached audio ambiguous', (f) => Object.assign(models(f)[0]!, { inputAudio: '32' }), ['models[0].cacheReadAudio']],
    ['cached image ambiguous in a tier', (f) => ((models(f)[1]!.tiers as Json[])[0]!.inputImage = '1'), ['models[1].tiers[0].cacheReadImage']],
  ])('%s', (_label, change, expectedPaths) => {
    expect(pathsAfter(change)).toEqual(expectedPaths);
  });

  it('rejects a non-object document at the root', () => {
    expect(errorsOf([])).toEqual([{ path: '(root)', message: 'must be a JSON object' }]);
    expect(pathsOf(null)).toEqual(['(root)']);
    expect(pathsOf('{}')).toEqual(['(root)']);
  });

  it('rejects list entries that are not objects', () => {
    expect(errorsOf({ version: 1, models: ['gpt-4o'], tools: [3], multipliers: [null] })).toEqual([
      { path: 'models[0]', message: 'must be an object' },
      { path: 'tools[0]', message: 'must be an object' },
      { path: 'multipliers[0]', message: 'must be an object' },
    ]);
  });

  it('says why a field is refused', () => {
    const errors = errorsOf({ version: 1, models: [{ model: 'm', mode: 'token', perCall: '1', colour: 'red', input: 3 }] });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'models[0].perCall', message: 'not allowed for mode "token"' },
        { path: 'models[0].colour', message: 'unknown field' },
        { path: 'models[0].input', message: 'must be a decimal string such as "1.25" (JSON numbers are not accepted)' },
      ]),
    );
    const tiered = errorsOf({
      version: 1,
      models: [{ model: 't', mode: 'tiered', tiers: [{ upTo: null, perRequest: '0.01', tools: {} }], perCall: '1' }],
    });
    expect(tiered).toEqual([
      { path: 'models[0].tiers[0].perRequest', message: 'not allowed in a tier: set it on the model, where it applies to every tier' },
      { path: 'models[0].tiers[0].tools', message: 'not allowed in a tier: set it on the model, where it applies to every tier' },
      { path: 'models[0].perCall', message: 'not allowed for mode "tiered"' },
    ]);
  });

  it('collects every error in one pass, including cross-entry rules next to structural errors', () => {
    const paths = pathsOf({
      version: 1,
      currency: 'usd',
      models: [
        { model: 'a', mode: 'token', input: 1 },
        { model: 'a', mode: 'tiered', tiers: [{ upTo: 10 }, { upTo: 5 }, { upTo: null }] },
        { model: 'b', mode: 'per_call' },
      ],
      tools: [{ tool: 't', perCall: '1e3' }, { tool: 't', perCall: '1' }],
      multipliers: [{ name: 'p', factor: '-1' }],
    });
    expect(paths.sort()).toEqual(
      [
        'currency',
        'models[0].input',
        'models[1].model',
        'models[1].tiers[1].upTo',
        'models[2].perCall',
        'tools[0].perCall',
        'tools[1].tool',
        'multipliers[0].factor',
      ].sort(),
    );
  });
});

describe('bookFor', () => {
  it('finds the model price and carries tools, multipliers and currency', () => {
    const book = bookFor(PRICING_FILE, 'sora-2');
    expect(book.price).toMatchObject({ model: 'sora-2', perSecond: '0.1' });
    expect(book.currency).toBe('USD');
    expect(book.tools).toBe(PRICING_FILE.tools);
    expect(book.multipliers).toBe(PRICING_FILE.multipliers);
  });

  it('gives a null price for a model not in the file', () => {
    expect(bookFor(PRICING_FILE, 'unknown-model').price).toBeNull();
  });
});

describe('normalizePricingFile', () => {
  const validated = (input: unknown): PricingFile => {
    const result = validatePricingFile(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.file;
  };

  it('sorts by name, fixes field order and writes decimals canonically', () => {
    const file = validated({
      version: 1,
      models: [
        { output: '15.000', mode: 'token', model: 'z-model', input: '03.50' },
        { mode: 'per_call', perCall: '0.040', model: 'a-model', enabled: false },
        { model: 'm-model', mode: 'tiered', tiers: [{ input: '1.0', upTo: 10 }, { upTo: null, cacheRead: '0.10' }] },
      ],
      tools: [{ tool: 'b', perCall: '0.010' }, { tool: 'a', perCall: '1', enabled: false }],
      multipliers: [{ name: 'slow', factor: '0.50' }, { name: 'fast', factor: '2.0' }],
    });
    const normalized = normalizePricingFile(file);
    expect(JSON.stringify(normalized)).toBe(
      JSON.stringify({
        version: 1,
        currency: 'USD',
        models: [
          { model: 'a-model', mode: 'per_call', enabled: false, perCall: '0.04' },
          { model: 'm-model', mode: 'tiered', enabled: true, tiers: [{ upTo: 10, input: '1' }, { upTo: null, cacheRead: '0.1' }] },
          { model: 'z-model', mode: 'token', enabled: true, input: '3.5', output: '15' },
        ],
        tools: [
          { tool: 'a', perCall: '1', enabled: false },
          { tool: 'b', perCall: '0.01', enabled: true },
        ],
        multipliers: [
          { name: 'fast', factor: '2' },
          { name: 'slow', factor: '0.5' },
        ],
      }),
    );
  });

  it('drops fields that do not belong to the mode (e.g. from a database row)', () => {
    const normalized = normalizePricingFile({
      version: 1,
      currency: 'USD',
      models: [{ model: 'm', mode: 'per_call', perCall: '1', input: '5', tiers: [] }],
      tools: [],
      multipliers: [],
    });
    expect(normalized.models).toEqual([{ model: 'm', mode: 'per_call', enabled: true, perCall: '1' }]);
  });

  it('keeps a missing price missing and "0" as "0", for every token kind, perRequest and model tools', () => {
    const file = validated({
      version: 1,
      models: [
        {
          model: 'realtime',
          mode: 'token',
          tools: { x_search: '0.0050', web_search: '0' },
          input: '4.0',
          cacheRead: '0',
          inputAudio: '32',
          cacheReadAudio: '0.40',
          outputAudio: '0',
          perRequest: '0.000',
        },
        {
          model: 'claude',
          mode: 'tiered',
          perRequest: '0.001',
          tools: {},
          tiers: [{ upTo: 200000, cacheWrite1h: '6.00', cacheWrite: '0' }, { upTo: null, input: '6' }],
        },
      ],
    });
    const normalized = normalizePricingFile(file);
    expect(JSON.stringify(normalized.models)).toBe(
      JSON.stringify([
        {
          model: 'claude',
          mode: 'tiered',
          enabled: true,
          tiers: [{ upTo: 200000, cacheWrite: '0', cacheWrite1h: '6' }, { upTo: null, input: '6' }],
          perRequest: '0.001',
        },
        {
          model: 'realtime',
          mode: 'token',
          enabled: true,
          input: '4',
          cacheRead: '0',
          inputAudio: '32',
          cacheReadAudio: '0.4',
          outputAudio: '0',
          perRequest: '0',
          tools: { web_search: '0', x_search: '0.005' },
        },
      ]),
    );
    const reimported = validated(JSON.parse(JSON.stringify(normalized)));
    expect(normalizePricingFile(reimported)).toEqual(normalized);
  });

  it('is idempotent and survives an export → import round trip', () => {
    const once = normalizePricingFile(validated(EXAMPLE));
    expect(normalizePricingFile(once)).toEqual(once);
    const reimported = validated(JSON.parse(JSON.stringify(once)));
    expect(normalizePricingFile(reimported)).toEqual(once);
  });
});
