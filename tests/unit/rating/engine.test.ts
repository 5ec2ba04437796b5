import { rate, UnknownMultiplierError, type Bill, type ModelPrice } from '../../../server/src/rating';
import { book, CLAUDE_SONNET_4_5, GEMINI_2_5_PRO, GPT_4O, GPT_IMAGE_1, LLAMA_FREE, SORA_2 } from './fixtures';

/** `{ input: '0.006', ... }`: each line's amount by item, for compact assertions. */
function amounts(bill: Bill): Record<string, string> {
  return Object.fromEntries(bill.lines.map((line) => [line.item, line.amount]));
}

describe('token pricing', () => {
  it('prices Claude Sonnet 4.5 with cache reads and writes; input excludes cached tokens', () => {
    const bill = rate(
      {
        model: 'claude-sonnet-4-5',
        usage: { inputTokens: 2000, outputTokens: 1200, cacheReadTokens: 50000, cacheWriteTokens: 10000 },
      },
      book(CLAUDE_SONNET_4_5),
    );
    expect(bill).toEqual({
      model: 'claude-sonnet-4-5',
      mode: 'token',
      currency: 'USD',
      lines: [
        { item: 'input', quantity: '2000', unitPrice: '3', unit: '1M tokens', amount: '0.006' },
        { item: 'output', quantity: '1200', unitPrice: '15', unit: '1M tokens', amount: '0.018' },
        { item: 'cache_read', quantity: '50000', unitPrice: '0.3', unit: '1M tokens', amount: '0.015' },
        { item: 'cache_write', quantity: '10000', unitPrice: '3.75', unit: '1M tokens', amount: '0.0375' },
      ],
      modelCost: '0.0765',
      multiplier: '1',
      toolCost: '0',
      total: '0.0765',
      flags: [],
    });
    expect(bill).not.toHaveProperty('tier');
  });

  it('keeps every digit of odd token counts', () => {
    const bill = rate(
      { model: 'claude-sonnet-4-5', usage: { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 12345, cacheWriteTokens: 789 } },
      book(CLAUDE_SONNET_4_5),
    );
    expect(amounts(bill)).toEqual({ input: '0.003702', output: '0.008505', cache_read: '0.0037035', cache_write: '0.00295875' });
    expect(bill.modelCost).toBe('0.01886925');
    expect(bill.total).toBe('0.01886925');
  });

  it('prices GPT-4o cached input at the cached rate', () => {
    const bill = rate({ model: 'gpt-4o', usage: { inputTokens: 3000, cacheReadTokens: 7000, outputTokens: 800 } }, book(GPT_4O));
    expect(amounts(bill)).toEqual({ input: '0.0075', output: '0.008', cache_read: '0.00875' });
    expect(bill.lines.map((l) => l.item)).toEqual(['input', 'output', 'cache_read']);
    expect(bill.total).toBe('0.02425');
  });

  it('skips lines for zero counts; an unpriced cache write is billed at the input price, never free', () => {
    const bill = rate({ model: 'gpt-4o', usage: { inputTokens: 0, outputTokens: 10, cacheWriteTokens: 500 } }, book(GPT_4O));
    expect(bill.lines).toEqual([
      { item: 'output', quantity: '10', unitPrice: '10', unit: '1M tokens', amount: '0.0001' },
      { item: 'cache_write', quantity: '500', unitPrice: '2.5', unit: '1M tokens', amount: '0.00125' },
    ]);
    expect(bill.total).toBe('0.00135');
  });

  it('keeps a line for a consumed kind whose price is "0" or has no price at all on its chain', () => {
    const embedding: ModelPrice = { model: 'e', mode: 'token', input: '0.02', cacheWrite: '0' };
    const bill = rate({ model: 'e', usage: { outputTokens: 10, cacheWriteTokens: 500 } }, book(embedding));
    expect(bill.lines).toEqual([
      { item: 'output', quantity: '10', unitPrice: '0', unit: '1M tokens', amount: '0' },
      { item: 'cache_write', quantity: '500', unitPrice: '0', unit: '1M tokens', amount: '0' },
    ]);
    expect(bill.total).toBe('0');
  });

  it('gives an empty bill for no usage', () => {
    const bill = rate({ model: 'gpt-4o', usage: {} }, book(GPT_4O));
    expect(bill).toMatchObject({ lines: [], modelCost: '0', toolCost: '0', total: '0', flags: [] });
  });
});

describe('tiered pricing (Gemini 2.5 Pro, 200k threshold)', () => {
  const gemini = (usage: Parameters<typeof rate>[0]['usage']) => rate({ model: 'gemini-2.5-pro', usage }, book(GEMINI_2_5_PRO));

  it('prices 199,999 input tokens at the lower tier', () => {
    const bill = gemini({ inputTokens: 199999, outputTokens: 1000 });
    expect(bill.tier).toBe(0);
    expect(amounts(bill)).toEqual({ input: '0.24999875', output: '0.01' });
    expect(bill.total).toBe('0.25999875');
  });

  it('prices exactly 200,000 at the lower tier (upTo is inclusive)', () => {
    const bill = gemini({ inputTokens: 200000, outputTokens: 1000 });
    expect(bill.tier).toBe(0);
    expect(amounts(bill)).toEqual({ input: '0.25', output: '0.01' });
    expect(bill.total).toBe('0.26');
  });

  it('prices 200,001 wholly at the upper tier, output included', () => {
    const bill = gemini({ inputTokens: 200001, outputTokens: 1000 });
    expect(bill.tier).toBe(1);
    expect(bill.lines[0]).toEqual({ item: 'input', quantity: '200001', unitPrice: '2.5', unit: '1M tokens', amount: '0.5000025' });
    expect(amounts(bill)).toEqual({ input: '0.5000025', output: '0.015' });
    expect(bill.total).toBe('0.5150025');
  });

  it('counts cached tokens toward the tier size', () => {
    const atBoundary = gemini({ inputTokens: 150000, cacheReadTokens: 50000 });
    expect(atBoundary.tier).toBe(0);
    expect(amounts(atBoundary)).toEqual({ input: '0.1875', cache_read: '0.00625' });
    expect(atBoundary.total).toBe('0.19375');

    const overBoundary = gemini({ inputTokens: 150000, cacheReadTokens: 50001 });
    expect(overBoundary.tier).toBe(1);
    expect(amounts(overBoundary)).toEqual({ input: '0.375', cache_read: '0.01250025' });
    expect(overBoundary.total).toBe('0.38750025');

    const viaCacheWrite = gemini({ inputTokens: 199999, cacheWriteTokens: 2 });
    expect(viaCacheWrite.tier).toBe(1);
    // No cache write price in either tier: billed at that tier's input price.
    expect(amounts(viaCacheWrite)).toEqual({ input: '0.4999975', cache_write: '0.000005' });
  });

  it('counts every input-side kind toward the tier size, and no output-side kind', () => {
    expect(gemini({ inputTokens: 100000, inputAudioTokens: 50000, inputImageTokens: 40000, inputVideoTokens: 10000 }).tier).toBe(0);
    expect(gemini({ inputTokens: 100000, inputAudioTokens: 50000, inputImageTokens: 40000, inputVideoTokens: 10001 }).tier).toBe(1);
    expect(gemini({ cacheWrite1hTokens: 100000, cacheReadAudioTokens: 50000, cacheReadImageTokens: 50001 }).tier).toBe(1);
    expect(gemini({ inputTokens: 1, outputTokens: 300000, outputAudioTokens: 300000, outputImageTokens: 1, outputVideoTokens: 1 }).tier).toBe(0);
  });

  it('falls back to the last tier when no tier is open (unvalidated input)', () => {
    const closed: ModelPrice = { model: 'm', mode: 'tiered', tiers: [{ upTo: 10, input: '1' }, { upTo: 20, input: '2' }] };
    const bill = rate({ model: 'm', usage: { inputTokens: 1_000_000 } }, book(closed));
    expect(bill.tier).toBe(1);
    expect(bill.total).toBe('2');
  });
});

describe('per-call and per-second pricing', () => {
  it('prices an image call (gpt-image-1, default 1 call)', () => {
    const bill = rate({ model: 'gpt-image-1', usage: {} }, book(GPT_IMAGE_1));
    expect(bill.lines).toEqual([{ item: 'call', quantity: '1', unitPrice: '0.04', unit: 'call', amount: '0.04' }]);
    expect(bill.total).toBe('0.04');
  });

  it('prices several calls and no line for zero calls', () => {
    expect(rate({ model: 'gpt-image-1', usage: { calls: 3 } }, book(GPT_IMAGE_1)).total).toBe('0.12');
    const none = rate({ model: 'gpt-image-1', usage: { calls: 0 } }, book(GPT_IMAGE_1));
    expect(none.lines).toEqual([]);
    expect(none.total).toBe('0');
  });

  it('prices video seconds exactly, fractions included (sora-2)', () => {
    const bill = rate({ model: 'sora-2', usage: { durationSeconds: 4.5 } }, book(SORA_2));
    expect(bill.lines).toEqual([{ item: 'duration', quantity: '4.5', unitPrice: '0.1', unit: 'second', amount: '0.45' }]);
    expect(bill.total).toBe('0.45');
    // 0.333 × 0.1 is 0.033300000000000003 in floating point; here it is exact.
    expect(rate({ model: 'sora-2', usage: { durationSeconds: 0.333 } }, book(SORA_2)).total).toBe('0.0333');
    expect(rate({ model: 'sora-2', usage: { durationSeconds: '12.25' } }, book(SORA_2)).total).toBe('1.225');
    expect(rate({ model: 'sora-2', usage: { durationSeconds: 1e-7 } }, book(SORA_2)).lines[0]?.quantity).toBe('0.0000001');
  });
});

describe('tools', () => {
  it('charges web search at $10 per 1,000 calls', () => {
    const bill = rate({ model: 'gpt-4o', usage: {}, tools: [{ tool: 'web_search', calls: 1000 }] }, book(GPT_4O));
    expect(bill.lines).toEqual([{ item: 'tool:web_search', quantity: '1000', unitPrice: '0.01', unit: 'call', amount: '10' }]);
    expect(bill).toMatchObject({ modelCost: '0', toolCost: '10', total: '10' });
  });

  it('charges tools on a free model', () => {
    const bill = rate({ model: 'llama-3.1-8b', usage: { inputTokens: 5000, outputTokens: 100 }, tools: [{ tool: 'web_search', calls: 2 }] }, book(LLAMA_FREE));
    expect(bill).toMatchObject({ mode: 'free', modelCost: '0', toolCost: '0.02', total: '0.02', flags: [] });
    expect(bill.lines.map((l) => l.item)).toEqual(['tool:web_search']);
  });

  it('sums repeated reports of one tool into one line', () => {
    const bill = rate(
      { model: 'gpt-4o', usage: {}, tools: [{ tool: 'web_search', calls: 2 }, { tool: 'web_search', calls: 5 }] },
      book(GPT_4O),
    );
    expect(bill.lines).toEqual([{ item: 'tool:web_search', quantity: '7', unitPrice: '0.01', unit: 'call', amount: '0.07' }]);
  });

  it('gives no line for disabled, zero-priced, call-less and unknown tools; flags unknown ones once', () => {
    const bill = rate(
      {
        model: 'gpt-4o',
        usage: {},
        tools: [
          { tool: 'code_interpreter', calls: 4 },
          { tool: 'file_search', calls: 9 },
          { tool: 'web_search', calls: 0 },
          { tool: 'web_search' },
          { tool: 'image_gen', calls: 1 },
          { tool: 'image_gen', calls: 2 },
          { tool: 'never_called' },
        ],
      },
      book(GPT_4O),
    );
    expect(bill.lines).toEqual([]);
    expect(bill.toolCost).toBe('0');
    expect(bill.flags).toEqual(['unknown_tool:image_gen']);
  });
});

describe('service tier multipliers', () => {
  const usage = { inputTokens: 2000, outputTokens: 1200, cacheReadTokens: 50000, cacheWriteTokens: 10000 };
  const tools = [{ tool: 'web_search', calls: 3 }];

  it('doubles model lines for priority, never tools', () => {
    const bill = rate({ model: 'claude-sonnet-4-5', usage, tools, serviceTier: 'priority' }, book(CLAUDE_SONNET_4_5));
    expect(amounts(bill)).toEqual({ input: '0.012', output: '0.036', cache_read: '0.03', cache_write: '0.075', 'tool:web_search': '0.03' });
    // unitPrice stays the list price; the factor shows in `multiplier` and in the amounts.
    expect(bill.lines[0]?.unitPrice).toBe('3');
    expect(bill).toMatchObject({ modelCost: '0.153', multiplier: '2', toolCost: '0.03', total: '0.183' });
  });

  it('halves model lines for batch', () => {
    const bill = rate({ model: 'claude-sonnet-4-5', usage, tools, serviceTier: 'batch' }, book(CLAUDE_SONNET_4_5));
    expect(bill).toMatchObject({ modelCost: '0.03825', multiplier: '0.5', toolCost: '0.03', total: '0.06825' });
  });

  it('applies the factor to per-call and per-second models', () => {
    expect(rate({ model: 'sora-2', usage: { durationSeconds: 4.5 }, serviceTier: 'priority' }, book(SORA_2)).total).toBe('0.9');
    expect(rate({ model: 'gpt-image-1', usage: {}, serviceTier: 'batch' }, book(GPT_IMAGE_1)).total).toBe('0.02');
  });

  it('treats a null or empty service tier as none', () => {
    for (const serviceTier of [null, '', undefined]) {
      expect(rate({ model: 'gpt-image-1', usage: {}, serviceTier }, book(GPT_IMAGE_1))).toMatchObject({ multiplier: '1', total: '0.04' });
    }
  });

  it('throws UnknownMultiplierError for an unknown tier by default', () => {
    const call = () => rate({ model: 'gpt-image-1', usage: {}, serviceTier: 'flex' }, book(GPT_IMAGE_1));
    expect(call).toThrow(UnknownMultiplierError);
    try {
      call();
    } catch (err) {
      expect(err).toMatchObject({ name: 'UnknownMultiplierError', multiplier: 'flex' });
    }
  });

  it('flags an unknown tier and uses factor 1 when asked to', () => {
    const bill = rate({ model: 'gpt-image-1', usage: {}, serviceTier: 'flex' }, book(GPT_IMAGE_1), { onUnknownMultiplier: 'flag' });
    expect(bill).toMatchObject({ multiplier: '1', total: '0.04', flags: ['unknown_multiplier:flex'] });
  });
});

describe('rounding: exact lines, total rounded once half-up at 9 places', () => {
  const perCall = (price: string) => rate({ model: 'p', usage: {} }, book({ model: 'p', mode: 'per_call', perCall: price }));
  const oneToken = (price: string) => rate({ model: 't', usage: { inputTokens: 1 } }, book({ model: 't', mode: 'token', input: price }));

  it('rounds a 10th decimal of 5 up and of 4 down', () => {
    expect(perCall('0.0000000015')).toMatchObject({ modelCost: '0.0000000015', total: '0.000000002' });
    expect(perCall('0.0000000014')).toMatchObject({ modelCost: '0.0000000014', total: '0.000000001' });
    expect(perCall('0.1234567895')).toMatchObject({ total: '0.12345679' });
    expect(perCall('0.12345678949999')).toMatchObject({ total: '0.123456789' });
  });

  it('rounds token amounts far below a nano', () => {
    expect(oneToken('0.0015')).toMatchObject({ modelCost: '0.0000000015', total: '0.000000002' });
    expect(oneToken('0.0014')).toMatchObject({ modelCost: '0.0000000014', total: '0.000000001' });
    expect(oneToken('0.0000005')).toMatchObject({ modelCost: '0.0000000000005', total: '0' });
  });

  it('rounds the sum, not each line', () => {
    const bill = rate(
      { model: 't', usage: { inputTokens: 1, outputTokens: 1 } },
      book({ model: 't', mode: 'token', input: '0.00049', output: '0.00001' }),
    );
    // Rounded line by line this would be 0 + 0 = 0.
    expect(amounts(bill)).toEqual({ input: '0.00000000049', output: '0.00000000001' });
    expect(bill).toMatchObject({ modelCost: '0.0000000005', total: '0.000000001' });
  });

  it('never prints exponent notation', () => {
    expect(perCall('0.000000001').total).toBe('0.000000001');
    expect(perCall('123456789012345').total).toBe('123456789012345');
  });
});

describe('unpriced models', () => {
  it('bills nothing, not even tools, and never throws on the service tier', () => {
    const bill = rate(
      { model: 'mystery-model', usage: { inputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 5 }], serviceTier: 'nonexistent' },
      book(null),
    );
    expect(bill).toEqual({
      model: 'mystery-model',
      mode: 'unpriced',
      currency: 'USD',
      lines: [],
      modelCost: '0',
      multiplier: '1',
      toolCost: '0',
      total: '0',
      flags: ['unpriced'],
    });
  });
});

describe('currency', () => {
  it('reports the price book currency', () => {
    expect(rate({ model: 'gpt-image-1', usage: {} }, book(GPT_IMAGE_1, { currency: 'EUR' })).currency).toBe('EUR');
  });
});
