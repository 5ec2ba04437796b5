import fc from 'fast-check';
import { TOKEN_COUNT_FIELDS, TOKEN_PRICE_FIELDS, ambiguousPriceFields, tokenKind } from '../../../contracts/pricing';
import {
  D,
  formatMoney,
  rate,
  roundMoney,
  type Bill,
  type ModelPrice,
  type PriceBook,
  type PriceTier,
  type RateRequest,
  type ServiceMultiplier,
  type TokenPrices,
  type ToolPrice,
  type UsageCounts,
} from '../../../server/src/rating';
import type { TokenCountField, TokenPriceField } from '../../../contracts/pricing';

// Prices like "0", "3", "0.125", "1234.000001": up to 6 integer and 9 fractional digits.
const priceArb = fc
  .tuple(fc.nat(999_999), fc.nat(999_999_999), fc.integer({ min: 0, max: 9 }))
  .map(([units, fraction, fractionDigits]) =>
    fractionDigits === 0 ? String(units) : `${units}.${String(fraction).padStart(9, '0').slice(0, fractionDigits)}`,
  );

const countArb = fc.oneof(fc.constant(0), fc.nat(1000), fc.nat(100_000_000));

/** A price set the validator accepts: where a fallback would be ambiguous, the field copies its first parent. */
const unambiguous = (prices: TokenPrices): TokenPrices => {
  const fixed = { ...prices };
  for (const field of ambiguousPriceFields(fixed)) fixed[field] = fixed[tokenKind(field).parents[0]!];
  return fixed;
};

// Every kind of token, each price present or not: missing ones exercise the fallbacks.
const tokenPricesArb: fc.Arbitrary<TokenPrices> = fc
  .record(Object.fromEntries(TOKEN_PRICE_FIELDS.map((field) => [field, priceArb])) as Record<TokenPriceField, fc.Arbitrary<string>>, {
    requiredKeys: [],
  })
  .map(unambiguous);

const tokenCountsArb = (count: fc.Arbitrary<number>) =>
  fc.record(Object.fromEntries(TOKEN_COUNT_FIELDS.map((field) => [field, count])) as Record<TokenCountField, fc.Arbitrary<number>>);

const usageArb: fc.Arbitrary<UsageCounts> = fc
  .record({
    tokens: tokenCountsArb(countArb),
    durationSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true })),
    calls: fc.nat(10_000),
  })
  .map(({ tokens, ...rest }) => ({ ...tokens, ...rest }));

/** Strictly ascending tiers ending with an open one, prices independent. */
const tiersArb: fc.Arbitrary<PriceTier[]> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 0, maxLength: 3 }), fc.array(tokenPricesArb, { minLength: 4, maxLength: 4 }))
  .map(([bounds, prices]) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    return [...sorted, null].map((upTo, i) => ({ upTo, ...prices[i] }));
  });

const TOOL_NAMES = ['web_search', 'code', 'files'] as const;

/** What a token or tiered model may carry once: a fee per request and its own tool prices. */
const modelExtrasArb = fc.record(
  { perRequest: priceArb, tools: fc.dictionary(fc.constantFrom(...TOOL_NAMES, 'model_only'), priceArb, { maxKeys: 3 }) },
  { requiredKeys: [] },
);

const modelPriceArb: fc.Arbitrary<ModelPrice> = fc.oneof(
  fc.tuple(tokenPricesArb, modelExtrasArb).map(([p, extras]): ModelPrice => ({ model: 'm', mode: 'token', ...p, ...extras })),
  fc.tuple(tiersArb, modelExtrasArb).map(([tiers, extras]): ModelPrice => ({ model: 'm', mode: 'tiered', tiers, ...extras })),
  priceArb.map((perCall): ModelPrice => ({ model: 'm', mode: 'per_call', perCall })),
  priceArb.map((perSecond): ModelPrice => ({ model: 'm', mode: 'per_second', perSecond })),
  fc.constant<ModelPrice>({ model: 'm', mode: 'free' }),
);

const toolPricesArb: fc.Arbitrary<ToolPrice[]> = fc.tuple(
  ...TOOL_NAMES.map((tool) => fc.record({ tool: fc.constant(tool), perCall: priceArb, enabled: fc.boolean() })),
);
const toolUsesArb = fc.array(fc.record({ tool: fc.constantFrom(...TOOL_NAMES, 'model_only', 'unknown'), calls: fc.nat(50) }), { maxLength: 6 });
const multipliersArb: fc.Arbitrary<ServiceMultiplier[]> = fc.tuple(priceArb).map(([factor]) => [{ name: 'tier', factor }]);

const scenarioArb = fc.record({
  price: modelPriceArb,
  usage: usageArb,
  tools: toolUsesArb,
  toolPrices: toolPricesArb,
  multipliers: multipliersArb,
  useTier: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function rateScenario(s: Scenario): Bill {
  const book: PriceBook = { currency: 'USD', price: s.price, tools: s.toolPrices, multipliers: s.multipliers };
  const request: RateRequest = { model: 'm', usage: s.usage, tools: s.tools, serviceTier: s.useTier ? 'tier' : null };
  return rate(request, book);
}

const sum = (values: readonly string[]) => values.reduce((acc, v) => acc.plus(v), new D(0));

describe('rate() properties', () => {
  it('never produces a negative amount for non-negative input', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const bill = rateScenario(s);
        for (const value of [bill.total, bill.modelCost, bill.toolCost, ...bill.lines.map((l) => l.amount)]) {
          expect(new D(value).isNegative()).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sums line amounts to modelCost + toolCost exactly and rounds the sum once into total', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const bill = rateScenario(s);
        const modelLines = bill.lines.filter((l) => !l.item.startsWith('tool:')).map((l) => l.amount);
        const toolLines = bill.lines.filter((l) => l.item.startsWith('tool:')).map((l) => l.amount);
        expect(formatMoney(sum(modelLines))).toBe(bill.modelCost);
        expect(formatMoney(sum(toolLines))).toBe(bill.toolCost);
        const all = sum(bill.lines.map((l) => l.amount));
        expect(formatMoney(all)).toBe(formatMoney(new D(bill.modelCost).plus(bill.toolCost)));
        expect(bill.total).toBe(formatMoney(roundMoney(all)));
      }),
      { numRuns: 500 },
    );
  });

  it('prints every amount in plain notation', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const bill = rateScenario(s);
        for (const value of [bill.total, bill.modelCost, bill.toolCost, bill.multiplier, ...bill.lines.flatMap((l) => [l.amount, l.quantity, l.unitPrice])]) {
          expect(value).toMatch(/^\d+(\.\d*[1-9])?$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('treats a multiplier of "1" (or "1.000") exactly like no multiplier', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('1', '1.0', '1.000'), (s, factor) => {
        const withOne = rateScenario({ ...s, multipliers: [{ name: 'tier', factor }], useTier: true });
        const without = rateScenario({ ...s, useTier: false });
        expect(withOne).toEqual(without);
      }),
      { numRuns: 300 },
    );
  });

  it('is linear in token counts within one tier: cost(a + b) = cost(a) + cost(b)', () => {
    const tokenModel = tokenPricesArb.map((p): ModelPrice => ({ model: 'm', mode: 'token', ...p }));
    const counts = tokenCountsArb(fc.nat(50_000_000));
    fc.assert(
      fc.property(tokenModel, counts, counts, priceArb, (price, a, b, factor) => {
        const book: PriceBook = { currency: 'USD', price, tools: [], multipliers: [{ name: 'x', factor }] };
        const cost = (usage: UsageCounts) => new D(rate({ model: 'm', usage, serviceTier: 'x' }, book).modelCost);
        const both = Object.fromEntries(TOKEN_COUNT_FIELDS.map((field) => [field, a[field] + b[field]]));
        expect(cost(both).equals(cost(a).plus(cost(b)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is linear in token counts inside each tier of a tiered price', () => {
    const UP_TO = 1_000_000;
    // Sizes below half the bound stay in tier 0 when added; sizes above it stay in the open tier.
    const lowCounts = fc.record({ inputTokens: fc.nat(UP_TO / 4), cacheReadTokens: fc.nat(UP_TO / 4), outputTokens: fc.nat(10_000_000) });
    const highCounts = fc.record({ inputTokens: fc.integer({ min: UP_TO + 1, max: 50_000_000 }), cacheReadTokens: fc.nat(UP_TO), outputTokens: fc.nat(10_000_000) });
    const prices = fc.tuple(tokenPricesArb, tokenPricesArb);
    fc.assert(
      fc.property(prices, fc.oneof(fc.tuple(lowCounts, lowCounts), fc.tuple(highCounts, highCounts)), ([low, high], [a, b]) => {
        const price: ModelPrice = { model: 'm', mode: 'tiered', tiers: [{ upTo: UP_TO, ...low }, { upTo: null, ...high }] };
        const book: PriceBook = { currency: 'USD', price, tools: [], multipliers: [] };
        const bill = (usage: UsageCounts) => rate({ model: 'm', usage }, book);
        const both = bill({
          inputTokens: a.inputTokens + b.inputTokens,
          cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
          outputTokens: a.outputTokens + b.outputTokens,
        });
        expect(bill(a).tier).toBe(both.tier);
        expect(bill(b).tier).toBe(both.tier);
        expect(new D(both.modelCost).equals(new D(bill(a).modelCost).plus(bill(b).modelCost))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never makes one more input token cheaper when higher tiers cost at least as much', () => {
    // Tier prices built so that every price of tier i+1 is >= the same price of tier i.
    const monotoneTiers = fc
      .tuple(
        fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(priceArb, priceArb, priceArb, priceArb), { minLength: 4, maxLength: 4 }),
      )
      .map(([bounds, steps]) => {
        const sorted = [...bounds].sort((a, b) => a - b);
        let running = [new D(0), new D(0), new D(0), new D(0)];
        return [...sorted, null].map((upTo, i): PriceTier => {
          running = running.map((value, k) => value.plus(steps[i]![k]!));
          const [input, output, cacheRead, cacheWrite] = running.map((v) => formatMoney(v));
          return { upTo, input: input!, output: output!, cacheRead: cacheRead!, cacheWrite: cacheWrite! };
        });
      });
    // Usage placed right at a boundary (size = upTo) half of the time.
    const scenario = monotoneTiers.chain((tiers) =>
      fc.record({
        tiers: fc.constant(tiers),
        cacheReadTokens: fc.nat(1000),
        cacheWriteTokens: fc.nat(1000),
        outputTokens: countArb,
        boundary: fc.constantFrom(...tiers.map((t) => t.upTo).filter((u): u is number => u !== null)),
        offset: fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 }), fc.nat(3_000_000)),
      }),
    );
    fc.assert(
      fc.property(scenario, (s) => {
        const price: ModelPrice = { model: 'm', mode: 'tiered', tiers: s.tiers };
        const book: PriceBook = { currency: 'USD', price, tools: [], multipliers: [] };
        const below = Math.max(0, s.boundary + s.offset - s.cacheReadTokens - s.cacheWriteTokens);
        const usage = { cacheReadTokens: s.cacheReadTokens, cacheWriteTokens: s.cacheWriteTokens, outputTokens: s.outputTokens };
        const cheaper = rate({ model: 'm', usage: { ...usage, inputTokens: below } }, book);
        const oneMore = rate({ model: 'm', usage: { ...usage, inputTokens: below + 1 } }, book);
        expect(new D(oneMore.modelCost).greaterThanOrEqualTo(cheaper.modelCost)).toBe(true);
        expect(new D(oneMore.total).greaterThanOrEqualTo(cheaper.total)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('never bills a missing price below an explicit "0": a fallback is never cheaper than free', () => {
    const scenario = fc.record({
      price: fc.tuple(tokenPricesArb, modelExtrasArb),
      usage: usageArb,
      field: fc.constantFrom(...TOKEN_PRICE_FIELDS),
      tiered: fc.boolean(),
      factor: priceArb,
    });
    fc.assert(
      fc.property(scenario, ({ price: [prices, extras], usage, field, tiered, factor }) => {
        const missing: TokenPrices = { ...prices };
        delete missing[field];
        const free: TokenPrices = { ...missing, [field]: '0' };
        // Pricing one field "0" may make another one's fallback ambiguous: such a file is refused, not rated.
        fc.pre(ambiguousPriceFields(free).length === 0 && ambiguousPriceFields(missing).length === 0);
        const model = (p: TokenPrices): ModelPrice =>
          tiered ? { model: 'm', mode: 'tiered', tiers: [{ upTo: null, ...p }], ...extras } : { model: 'm', mode: 'token', ...p, ...extras };
        const total = (p: TokenPrices) =>
          new D(rate({ model: 'm', usage, serviceTier: 'x' }, { currency: 'USD', price: model(p), tools: [], multipliers: [{ name: 'x', factor }] }).total);
        expect(total(missing).greaterThanOrEqualTo(total(free))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers a bill when any kind of token is added (token prices, and tiers that cost more as they go up)', () => {
    // Tiered prices whose every effective price grows with the tier: each tier scales the same fields of the
    // one before by a factor >= 1, so a missing field falls back to a parent that also grew.
    const growingTiers = fc
      .tuple(tokenPricesArb, fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }))
      .map(([base, bounds, growth]): PriceTier[] => {
        let current = base;
        return [...[...bounds].sort((a, b) => a - b), null].map((upTo, i) => {
          if (i > 0) current = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, formatMoney(new D(v!).times(growth[i]!))]));
          return { upTo, ...current };
        });
      });
    const priceArbs = fc.oneof(
      fc.tuple(tokenPricesArb, modelExtrasArb).map(([p, extras]): ModelPrice => ({ model: 'm', mode: 'token', ...p, ...extras })),
      fc.tuple(growingTiers, modelExtrasArb).map(([tiers, extras]): ModelPrice => ({ model: 'm', mode: 'tiered', tiers, ...extras })),
    );
    fc.assert(
      fc.property(priceArbs, usageArb, toolUsesArb, toolPricesArb, fc.constantFrom(...TOKEN_COUNT_FIELDS), fc.integer({ min: 1, max: 5_000_000 }), (price, usage, tools, toolPrices, field, added) => {
        const book: PriceBook = { currency: 'USD', price, tools: toolPrices, multipliers: [] };
        const before = rate({ model: 'm', usage, tools }, book);
        const after = rate({ model: 'm', usage: { ...usage, [field]: (usage[field] ?? 0) + added }, tools }, book);
        expect(new D(after.total).greaterThanOrEqualTo(before.total)).toBe(true);
        expect(new D(after.modelCost).greaterThanOrEqualTo(before.modelCost)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("prices a tool at the model's own price when it has one, whatever the global list says", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const own = s.price.tools ?? {};
        const bill = rateScenario(s);
        for (const line of bill.lines.filter((l) => l.item.startsWith('tool:'))) {
          const tool = line.item.slice('tool:'.length);
          const expected = own[tool] ?? s.toolPrices.find((t) => t.tool === tool)!.perCall;
          expect(line.unitPrice).toBe(formatMoney(new D(expected)));
        }
        // Only tools with neither a model price nor a global one are flagged unknown.
        for (const flag of bill.flags.filter((f) => f.startsWith('unknown_tool:'))) {
          const tool = flag.slice('unknown_tool:'.length);
          expect(own[tool]).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
