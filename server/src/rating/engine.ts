import { TOKEN_KINDS, priceSource } from '../../../contracts/pricing';
import { D, formatMoney, parseDecimal, roundMoney, type Decimal } from './money';
import { selectTier, tierInputSize } from './tiers';
import type {
  Bill,
  BillLine,
  ModelPrice,
  PriceBook,
  RateOptions,
  RateRequest,
  ServiceMultiplier,
  TokenPrices,
  ToolPrice,
  ToolUse,
  UsageCounts,
} from './types';

export class UnknownMultiplierError extends Error {
  override readonly name = 'UnknownMultiplierError';
  readonly multiplier: string;

  constructor(multiplier: string) {
    super(`unknown service tier "${multiplier}": no multiplier of that name is priced`);
    this.multiplier = multiplier;
  }
}

/** A line before formatting: amounts stay Decimal until the bill is assembled. */
interface DraftLine {
  item: string;
  quantity: string;
  unitPrice: Decimal;
  unit: string;
  amount: Decimal;
}

const ONE = new D(1);
const ZERO = new D(0);
// Token prices are per 1M tokens. Multiplying by 10^-6 is exact and cheaper than dividing by 10^6.
const PRICE_UNITS_PER_TOKEN = new D('0.000001');

// The same few price strings come back on every call; parsing each once keeps rate() to arithmetic.
// Decimals are immutable, so sharing them is safe. Cleared when full, so odd inputs cannot grow it.
const MAX_CACHED_PRICES = 10_000;
const parsedPrices = new Map<string, Decimal>();

function priceValue(value: string, path: string): Decimal {
  let parsed = parsedPrices.get(value);
  if (parsed === undefined) {
    parsed = parseDecimal(value, path);
    if (parsedPrices.size >= MAX_CACHED_PRICES) parsedPrices.clear();
    parsedPrices.set(value, parsed);
  }
  return parsed;
}

/**
 * Prices one call. Pure: the same request and price book always give the same bill.
 * Amounts on lines, modelCost and toolCost are exact; only the total is rounded, once,
 * half-up at 9 places, so many small lines never accumulate rounding error.
 * Input is trusted to be validated (validateRateRequest / validatePricingFile).
 */
export function rate(req: RateRequest, book: PriceBook, opts: RateOptions = {}): Bill {
  const price = book.price;
  // An unpriced model is logged, not charged: neither its usage nor its tools cost anything.
  if (price === null) return unpricedBill(req.model, book.currency);

  const flags: string[] = [];
  const factor = resolveMultiplier(req.serviceTier, book.multipliers, opts.onUnknownMultiplier ?? 'error', flags);
  const { lines: modelLines, tier } = priceModel(price, req.usage, factor);
  const toolLines = priceTools(req.tools ?? [], book.tools, price.tools, flags);

  const modelCost = sumAmounts(modelLines);
  const toolCost = sumAmounts(toolLines);
  return {
    model: req.model,
    mode: price.mode,
    ...(tier === undefined ? {} : { tier }),
    currency: book.currency,
    lines: [...modelLines, ...toolLines].map(formatLine),
    modelCost: formatMoney(modelCost),
    multiplier: formatMoney(factor),
    toolCost: formatMoney(toolCost),
    total: formatMoney(roundMoney(modelCost.plus(toolCost))),
    flags,
  };
}

function unpricedBill(model: string, currency: string): Bill {
  return {
    model,
    mode: 'unpriced',
    currency,
    lines: [],
    modelCost: '0',
    multiplier: '1',
    toolCost: '0',
    total: '0',
    flags: ['unpriced'],
  };
}

function resolveMultiplier(
  serviceTier: string | null | undefined,
  multipliers: readonly ServiceMultiplier[],
  onUnknown: 'error' | 'flag',
  flags: string[],
): Decimal {
  if (serviceTier === undefined || serviceTier === null || serviceTier === '') return ONE;
  const found = multipliers.find((m) => m.name === serviceTier);
  if (found) return priceValue(found.factor, `multipliers.${serviceTier}.factor`);
  if (onUnknown === 'error') throw new UnknownMultiplierError(serviceTier);
  flags.push(`unknown_multiplier:${serviceTier}`);
  return ONE;
}

function priceModel(price: ModelPrice, usage: UsageCounts, factor: Decimal): { lines: DraftLine[]; tier?: number } {
  switch (price.mode) {
    case 'token':
      return { lines: [...tokenLines(price, usage, factor), ...requestLine(price, usage, factor)] };
    case 'tiered': {
      const { index, tier } = selectTier(price.tiers ?? [], tierInputSize(usage));
      return { lines: [...tokenLines(tier, usage, factor), ...requestLine(price, usage, factor)], tier: index };
    }
    case 'per_call': {
      const calls = usage.calls ?? 1;
      const perCall = priceValue(price.perCall as string, `${price.model}.perCall`);
      return { lines: quantityLine('call', new D(calls), String(calls), perCall, 'call', factor) };
    }
    case 'per_second': {
      const seconds = toQuantity(usage.durationSeconds ?? 0);
      const perSecond = priceValue(price.perSecond as string, `${price.model}.perSecond`);
      return { lines: quantityLine('duration', seconds, formatMoney(seconds), perSecond, 'second', factor) };
    }
    case 'free':
      return { lines: [] };
    default:
      // Unreachable for validated prices; a clear error beats a bill silently missing its model cost.
      throw new Error(`model "${price.model}" has an unknown pricing mode "${String((price as ModelPrice).mode)}"`);
  }
}

/**
 * One line per kind of token consumed, priced at its own price or, when that is missing, at the price it
 * falls back to (contracts/pricing.ts): an unpriced narrower kind is never free unless priced "0". A zero
 * count gives no line; a zero price with a positive count still does, so the bill shows what was consumed
 * even when it was free.
 */
function tokenLines(prices: TokenPrices, usage: UsageCounts, factor: Decimal): DraftLine[] {
  // count × price per 1M × factor / 10^6, with the per-bill part multiplied once (exact either way).
  const scale = factor.times(PRICE_UNITS_PER_TOKEN);
  const lines: DraftLine[] = [];
  for (const kind of TOKEN_KINDS) {
    const count = usage[kind.count] ?? 0;
    if (!(count > 0)) continue;
    const source = priceSource(prices, kind.price);
    // Unreachable for validated prices; refusing beats picking one of two prices the admin did not choose.
    if (source === 'ambiguous') throw new Error(`"${kind.price}" is required: it could fall back to either of ${kind.parents.join(' and ')}`);
    const perMillion = source === null ? ZERO : priceValue(prices[source]!, source);
    lines.push({
      item: kind.line,
      quantity: String(count),
      unitPrice: perMillion,
      unit: '1M tokens',
      amount: new D(count).times(perMillion).times(scale),
    });
  }
  return lines;
}

/** The fee per call of a token or tiered model: a model cost line (multiplied), one per call reported. */
function requestLine(price: ModelPrice, usage: UsageCounts, factor: Decimal): DraftLine[] {
  if (price.perRequest === undefined) return [];
  const calls = usage.calls ?? 1;
  const perRequest = priceValue(price.perRequest, `${price.model}.perRequest`);
  return quantityLine('request', new D(calls), String(calls), perRequest, 'request', factor);
}

function quantityLine(
  item: string,
  quantity: Decimal,
  shownQuantity: string,
  unitPrice: Decimal,
  unit: string,
  factor: Decimal,
): DraftLine[] {
  if (!quantity.greaterThan(0)) return [];
  return [{ item, quantity: shownQuantity, unitPrice, unit, amount: quantity.times(unitPrice).times(factor) }];
}

// A number goes through decimal.js's own conversion (shortest round-trip digits, e.g. 4.5 → "4.5",
// 1e-7 → "0.0000001"), never through float arithmetic.
function toQuantity(value: number | string): Decimal {
  return typeof value === 'string' ? parseDecimal(value, 'durationSeconds') : new D(value);
}

/**
 * Tool calls are never multiplied by the service tier: the multiplier is the model
 * provider's surcharge, tools are priced on their own. Repeated reports of a tool add up.
 * A model's own tool price wins over the global one, even for a tool the global list lacks or disables:
 * the admin priced this tool for this model on purpose.
 */
function priceTools(
  uses: readonly ToolUse[],
  prices: readonly ToolPrice[],
  modelPrices: Readonly<Record<string, string>> | undefined,
  flags: string[],
): DraftLine[] {
  const callsByTool = new Map<string, bigint>();
  for (const use of uses) {
    const calls = use.calls ?? 0;
    if (!Number.isInteger(calls) || calls <= 0) continue;
    callsByTool.set(use.tool, (callsByTool.get(use.tool) ?? 0n) + BigInt(calls));
  }

  const lines: DraftLine[] = [];
  for (const [tool, calls] of callsByTool) {
    const own = modelPrices && Object.hasOwn(modelPrices, tool) ? modelPrices[tool] : undefined;
    const price = own === undefined ? prices.find((p) => p.tool === tool) : { perCall: own, enabled: true };
    if (!price) {
      flags.push(`unknown_tool:${tool}`);
      continue;
    }
    if (!price.enabled) continue;
    const perCall = priceValue(price.perCall, `tools.${tool}.perCall`);
    if (perCall.isZero()) continue;
    const quantity = new D(calls.toString());
    lines.push({ item: `tool:${tool}`, quantity: quantity.toFixed(), unitPrice: perCall, unit: 'call', amount: quantity.times(perCall) });
  }
  return lines;
}

function sumAmounts(lines: readonly DraftLine[]): Decimal {
  return lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
}

function formatLine(line: DraftLine): BillLine {
  return {
    item: line.item,
    quantity: line.quantity,
    unitPrice: formatMoney(line.unitPrice),
    unit: line.unit,
    amount: formatMoney(line.amount),
  };
}
