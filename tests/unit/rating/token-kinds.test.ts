import { TOKEN_KINDS, priceSource, type TokenPriceField } from '../../../contracts/pricing';
import { rate, validatePricingFile, type Bill, type ModelPrice, type TokenPrices, type UsageCounts } from '../../../server/src/rating';
import { book } from './fixtures';

// The kinds of token beyond text (audio, image, video, 1-hour cache writes), the fallback of a missing
// price to its parent, the fee per request and a model's own tool prices. Prices are public list prices.

/** `{ input: '0.006', ... }`: each line's amount by item. */
const amounts = (bill: Bill): Record<string, string> => Object.fromEntries(bill.lines.map((line) => [line.item, line.amount]));
/** `{ input: '3', ... }`: each line's unit price by item — the price the kind was billed at, after fallbacks. */
const unitPrices = (bill: Bill): Record<string, string> => Object.fromEntries(bill.lines.map((line) => [line.item, line.unitPrice]));

const tokenModel = (prices: TokenPrices, extra: Partial<ModelPrice> = {}): ModelPrice => ({ model: 'm', mode: 'token', ...prices, ...extra });
/** One million tokens of every kind: each line's unit price is then its amount. */
const ONE_MILLION_OF_EACH: UsageCounts = Object.fromEntries(TOKEN_KINDS.map((kind) => [kind.count, 1_000_000]));

describe('the fallback chain, field by field', () => {
  // Distinct prices, so the price a kind was billed at names the field it came from.
  const ALL: Record<TokenPriceField, string> = {
    input: '1',
    output: '2',
    cacheRead: '3',
    cacheWrite: '4',
    cacheWrite1h: '5',
    inputAudio: '6',
    cacheReadAudio: '7',
    inputImage: '8',
    cacheReadImage: '9',
    inputVideo: '10',
    outputAudio: '11',
    outputImage: '12',
    outputVideo: '13',
  };
  const without = (...fields: TokenPriceField[]): TokenPrices => {
    const prices: TokenPrices = { ...ALL };
    for (const field of fields) delete prices[field];
    return prices;
  };
  const billedAt = (prices: TokenPrices, field: TokenPriceField) => {
    const line = TOKEN_KINDS.find((kind) => kind.price === field)!.line;
    return unitPrices(rate({ model: 'm', usage: ONE_MILLION_OF_EACH }, book(tokenModel(prices))))[line];
  };

  it('bills every kind at its own price when it has one', () => {
    for (const kind of TOKEN_KINDS) expect(billedAt(ALL, kind.price)).toBe(ALL[kind.price]);
  });

  it.each<[TokenPriceField, TokenPriceField[], string]>([
    ['input', ['input'], '0'],
    ['output', ['output'], '0'],
    ['cacheRead', ['cacheRead'], ALL.input],
    ['cacheWrite', ['cacheWrite'], ALL.input],
    ['cacheWrite1h', ['cacheWrite1h'], ALL.cacheWrite],
    ['cacheWrite1h', ['cacheWrite1h', 'cacheWrite'], ALL.input],
    ['inputAudio', ['inputAudio'], ALL.input],
    ['inputImage', ['inputImage'], ALL.input],
    ['inputVideo', ['inputVideo'], ALL.input],
    ['outputAudio', ['outputAudio'], ALL.output],
    ['outputImage', ['outputImage'], ALL.output],
    ['outputVideo', ['outputVideo'], ALL.output],
    ['cacheReadAudio', ['cacheReadAudio', 'cacheRead'], ALL.inputAudio],
    ['cacheReadAudio', ['cacheReadAudio', 'inputAudio'], ALL.cacheRead],
    ['cacheReadAudio', ['cacheReadAudio', 'inputAudio', 'cacheRead'], ALL.input],
    ['cacheReadImage', ['cacheReadImage', 'cacheRead'], ALL.inputImage],
    ['cacheReadImage', ['cacheReadImage', 'inputImage'], ALL.cacheRead],
    ['cacheReadImage', ['cacheReadImage', 'inputImage', 'cacheRead'], ALL.input],
    ['cacheReadAudio', ['cacheReadAudio', 'inputAudio', 'cacheRead', 'input'], '0'],
  ])('%s without %j is billed at %s', (field, missing, expected) => {
    expect(billedAt(without(...missing), field)).toBe(expected);
  });

  it('bills "0" as free: an explicit zero is never replaced by a parent', () => {
    for (const kind of TOKEN_KINDS) {
      const bill = rate({ model: 'm', usage: { [kind.count]: 1_000_000 } }, book(tokenModel({ ...ALL, [kind.price]: '0' })));
      expect(bill.lines).toEqual([{ item: kind.line, quantity: '1000000', unitPrice: '0', unit: '1M tokens', amount: '0' }]);
    }
  });

  it('names the field whose price applies, and refuses to choose between two priced parents', () => {
    expect(priceSource({ input: '1' }, 'cacheWrite1h')).toBe('input');
    expect(priceSource({ input: '1', cacheWrite: '0' }, 'cacheWrite1h')).toBe('cacheWrite');
    expect(priceSource({}, 'outputVideo')).toBeNull();
    expect(priceSource({ inputAudio: '1', cacheRead: '2' }, 'cacheReadAudio')).toBe('ambiguous');
    expect(() => rate({ model: 'm', usage: { cacheReadAudioTokens: 1 } }, book(tokenModel({ inputAudio: '1', cacheRead: '2' })))).toThrow(
      /cacheReadAudio.*required/,
    );
  });

  it("looks at a tier's own prices, never at another tier's or the model's", () => {
    const price: ModelPrice = {
      model: 'm',
      mode: 'tiered',
      tiers: [
        { upTo: 1000, input: '1', cacheRead: '0.1' },
        { upTo: null, input: '2', inputAudio: '20' },
      ],
    };
    const low = rate({ model: 'm', usage: { cacheReadAudioTokens: 1000 } }, book(price));
    expect(low.tier).toBe(0);
    expect(unitPrices(low)).toEqual({ cache_read_audio: '0.1' }); // tier 0: only cacheRead is priced
    const high = rate({ model: 'm', usage: { cacheReadAudioTokens: 1001 } }, book(price));
    expect(high.tier).toBe(1);
    expect(unitPrices(high)).toEqual({ cache_read_audio: '20' }); // tier 1: only inputAudio is priced
  });

  it('refuses a pricing file whose fallback is ambiguous, at the exact path, in a model and in a tier', () => {
    const result = validatePricingFile({
      version: 1,
      models: [
        { model: 'a', mode: 'token', cacheRead: '0.4', inputAudio: '32' },
        { model: 'b', mode: 'tiered', tiers: [{ upTo: 10, cacheRead: '1', inputImage: '2', cacheReadImage: '0' }, { upTo: null, cacheRead: '1', inputImage: '2' }] },
        { model: 'c', mode: 'token', cacheRead: '0.4', inputAudio: '32', cacheReadAudio: '0.4' },
      ],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { path: 'models[0].cacheReadAudio', message: 'is required when both inputAudio and cacheRead are priced (it could fall back to either)' },
      { path: 'models[1].tiers[1].cacheReadImage', message: 'is required when both inputImage and cacheRead are priced (it could fall back to either)' },
    ]);
  });
});

describe('public list prices', () => {
  it('Claude Sonnet 4.5: 1-hour cache writes at 2× input, 5-minute writes at 1.25×', () => {
    const sonnet = tokenModel({ input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75', cacheWrite1h: '6' }, { model: 'claude-sonnet-4-5' });
    const bill = rate(
      { model: 'claude-sonnet-4-5', usage: { inputTokens: 2000, outputTokens: 1200, cacheReadTokens: 50000, cacheWriteTokens: 10000, cacheWrite1hTokens: 20000 } },
      book(sonnet),
    );
    expect(bill.lines).toEqual([
      { item: 'input', quantity: '2000', unitPrice: '3', unit: '1M tokens', amount: '0.006' },
      { item: 'output', quantity: '1200', unitPrice: '15', unit: '1M tokens', amount: '0.018' },
      { item: 'cache_read', quantity: '50000', unitPrice: '0.3', unit: '1M tokens', amount: '0.015' },
      { item: 'cache_write', quantity: '10000', unitPrice: '3.75', unit: '1M tokens', amount: '0.0375' },
      { item: 'cache_write_1h', quantity: '20000', unitPrice: '6', unit: '1M tokens', amount: '0.12' },
    ]);
    expect(bill.total).toBe('0.1965');

    // A price list that has no 1-hour price yet bills 1-hour writes as 5-minute ones, not for free.
    const older = tokenModel({ input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' });
    expect(amounts(rate({ model: 'm', usage: { cacheWrite1hTokens: 20000 } }, book(older)))).toEqual({ cache_write_1h: '0.075' });
  });

  it('gpt-realtime: text, audio and image input with cached audio and image, text and audio output', () => {
    // OpenAI: text $4 / cached $0.40 / out $16; audio $32 / cached $0.40 / out $64; image $5 / cached $0.50 per 1M.
    const realtime = tokenModel({
      input: '4',
      cacheRead: '0.4',
      output: '16',
      inputAudio: '32',
      cacheReadAudio: '0.4',
      outputAudio: '64',
      inputImage: '5',
      cacheReadImage: '0.5',
    });
    const bill = rate(
      {
        model: 'gpt-realtime',
        usage: {
          inputTokens: 1200,
          cacheReadTokens: 800,
          inputAudioTokens: 3000,
          cacheReadAudioTokens: 6000,
          inputImageTokens: 500,
          cacheReadImageTokens: 100,
          outputTokens: 150,
          outputAudioTokens: 2500,
        },
      },
      book(realtime),
    );
    expect(amounts(bill)).toEqual({
      input: '0.0048',
      output: '0.0024',
      cache_read: '0.00032',
      input_audio: '0.096',
      cache_read_audio: '0.0024',
      input_image: '0.0025',
      cache_read_image: '0.00005',
      output_audio: '0.16',
    });
    expect(bill.total).toBe('0.26847');
  });

  it('gpt-realtime without a cached-audio price bills cached audio at the audio price, not the text cache price', () => {
    // Only inputAudio priced among cacheReadAudio's parents besides an unset cacheRead: audio it is.
    const noCachedAudio = tokenModel({ input: '4', output: '16', inputAudio: '32', outputAudio: '64' });
    expect(unitPrices(rate({ model: 'm', usage: { cacheReadAudioTokens: 1000 } }, book(noCachedAudio)))).toEqual({ cache_read_audio: '32' });
  });

  it('gpt-image-1 priced by tokens: text and image input, cached image input, image output', () => {
    // OpenAI: text $5 / cached $1.25; image $10 / cached $2.50; image output $40 per 1M tokens.
    const image = tokenModel({ input: '5', cacheRead: '1.25', inputImage: '10', cacheReadImage: '2.5', outputImage: '40' });
    const bill = rate({ model: 'gpt-image-1', usage: { inputTokens: 50, inputImageTokens: 1000, cacheReadImageTokens: 500, outputImageTokens: 4160 } }, book(image));
    expect(amounts(bill)).toEqual({ input: '0.00025', input_image: '0.01', cache_read_image: '0.00125', output_image: '0.1664' });
    expect(bill.total).toBe('0.1779');
  });

  it('video tokens: input and output video fall back to the text prices unless priced', () => {
    // Gemini 3.1 Flash Live: text $0.75 / out $4.50; audio $3 / out $12; image and video input $1 per 1M.
    const live = tokenModel({ input: '0.75', output: '4.5', inputAudio: '3', outputAudio: '12', inputImage: '1', inputVideo: '1' });
    const bill = rate({ model: 'm', usage: { inputVideoTokens: 258_000, outputVideoTokens: 1000 } }, book(live));
    expect(amounts(bill)).toEqual({ input_video: '0.258', output_video: '0.0045' });
  });

  it('a per-model web search price overrides the global one; other tools keep the global price', () => {
    // Anthropic web search: $10 per 1,000 searches for Claude; the global list prices web_search at $25 per 1,000.
    const claude = tokenModel({ input: '3', output: '15' }, { tools: { web_search: '0.01' } });
    const globalTools = [
      { tool: 'web_search', perCall: '0.025', enabled: true },
      { tool: 'code_interpreter', perCall: '0.03', enabled: true },
    ];
    const bill = rate(
      { model: 'm', usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 3 }, { tool: 'code_interpreter', calls: 1 }], serviceTier: 'priority' },
      book(claude, { tools: globalTools }),
    );
    expect(bill.lines.slice(1)).toEqual([
      { item: 'tool:web_search', quantity: '3', unitPrice: '0.01', unit: 'call', amount: '0.03' },
      { item: 'tool:code_interpreter', quantity: '1', unitPrice: '0.03', unit: 'call', amount: '0.03' },
    ]);
    // The multiplier doubles the model line only.
    expect(bill).toMatchObject({ modelCost: '0.006', toolCost: '0.06', total: '0.066' });
  });

  it("a model's own tool price applies even when the tool is unknown or disabled globally; its \"0\" makes it free", () => {
    const own = tokenModel({ input: '1' }, { tools: { web_search: '0.01', file_search: '0', x_search: '0.005' } });
    const globalTools = [
      { tool: 'web_search', perCall: '0.025', enabled: false },
      { tool: 'file_search', perCall: '0.0025', enabled: true },
    ];
    const bill = rate(
      { model: 'm', usage: {}, tools: [{ tool: 'web_search', calls: 2 }, { tool: 'file_search', calls: 4 }, { tool: 'x_search', calls: 1 }] },
      book(own, { tools: globalTools }),
    );
    expect(amounts(bill)).toEqual({ 'tool:web_search': '0.02', 'tool:x_search': '0.005' });
    expect(bill.flags).toEqual([]);
  });

  it('Perplexity Sonar: a fee per request on top of the tokens, multiplied like the tokens', () => {
    // $1 / $1 per 1M tokens and $12 per 1,000 requests (low search context).
    const sonar: ModelPrice = { model: 'sonar', mode: 'token', input: '1', output: '1', perRequest: '0.012' };
    const bill = rate({ model: 'sonar', usage: { inputTokens: 500, outputTokens: 300 } }, book(sonar));
    expect(bill.lines).toEqual([
      { item: 'input', quantity: '500', unitPrice: '1', unit: '1M tokens', amount: '0.0005' },
      { item: 'output', quantity: '300', unitPrice: '1', unit: '1M tokens', amount: '0.0003' },
      { item: 'request', quantity: '1', unitPrice: '0.012', unit: 'request', amount: '0.012' },
    ]);
    expect(bill.total).toBe('0.0128');
    expect(amounts(rate({ model: 'sonar', usage: { calls: 3 }, serviceTier: 'batch' }, book(sonar)))).toEqual({ request: '0.018' });
    expect(rate({ model: 'sonar', usage: { calls: 0 } }, book(sonar)).lines).toEqual([]);
  });

  it('a tiered model carries its fee per request and tool prices once, for every tier', () => {
    const price: ModelPrice = {
      model: 'm',
      mode: 'tiered',
      tiers: [
        { upTo: 200000, input: '3', cacheWrite: '3.75', cacheWrite1h: '6' },
        { upTo: null, input: '6', cacheWrite: '7.5', cacheWrite1h: '12' },
      ],
      perRequest: '0.001',
      tools: { web_search: '0.01' },
    };
    const bill = rate({ model: 'm', usage: { inputTokens: 1000, cacheWrite1hTokens: 199001 }, tools: [{ tool: 'web_search', calls: 1 }] }, book(price));
    expect(bill.tier).toBe(1);
    expect(amounts(bill)).toEqual({ input: '0.006', cache_write_1h: '2.388012', request: '0.001', 'tool:web_search': '0.01' });
  });
});
