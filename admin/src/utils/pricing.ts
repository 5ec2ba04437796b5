import { MORE_TOKEN_PRICE_FIELDS, isPricingMode, type ModelPriceInput, type PriceTier, type PricingMode } from '../../../contracts';
import { formatMoney } from './money';
import type { TFunction } from './translations';

// Prices are shown exactly: a unit price is not an amount to round (0.0035 per call is not "< $0.01").
const money = (value: string | undefined, currency?: string) => (value ? formatMoney(value, currency) : '—');

/** One-line description of a model's price ("in $2.50 · out $10.00 / 1M tokens"). */
export const priceSummary = (
  price: Partial<ModelPriceInput>,
  t: TFunction,
  currency?: string,
  { unit = true }: { unit?: boolean } = {},
): string => {
  switch (price.mode) {
    case 'token': {
      const parts = [
        price.input && t('price.part.input', { price: money(price.input, currency) }),
        price.output && t('price.part.output', { price: money(price.output, currency) }),
        price.cacheRead && t('price.part.cacheRead', { price: money(price.cacheRead, currency) }),
        price.cacheWrite && t('price.part.cacheWrite', { price: money(price.cacheWrite, currency) }),
        more(price) > 0 && t('price.part.more', { count: more(price) }),
      ].filter(Boolean);
      if (!parts.length) return t('price.zero');
      return unit ? `${parts.join(' · ')} ${t('price.perMillion')}` : parts.join(' · ');
    }
    case 'tiered':
      return t('price.tiers', { count: price.tiers?.length ?? 0 });
    case 'per_call':
      return t('price.perCall', { price: money(price.perCall, currency) });
    case 'per_second':
      return t('price.perSecond', { price: money(price.perSecond, currency) });
    case 'free':
      return t('price.free');
    default:
      return '—';
  }
};

/** How many prices beyond the text ones a token price sets (other kinds of token, a fee per request, tools). */
const more = (price: Partial<ModelPriceInput>) =>
  MORE_TOKEN_PRICE_FIELDS.filter((field) => price[field]).length + (price.perRequest ? 1 : 0) + Object.keys(price.tools ?? {}).length;

export const tierSummary = (tier: PriceTier, t: TFunction, currency?: string, options?: { unit?: boolean }) => {
  const { upTo: _upTo, ...prices } = tier;
  return priceSummary({ mode: 'token', ...prices }, t, currency, options);
};

export const pricingModeLabel = (mode: PricingMode | string, t: TFunction) =>
  isPricingMode(mode) ? t(`pricingMode.${mode}` as const) : mode;
