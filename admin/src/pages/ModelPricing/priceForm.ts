import {
  MORE_TOKEN_PRICE_FIELDS,
  TOKEN_PRICE_FIELDS,
  ambiguousPriceFields,
  priceSource,
  tokenKind,
  type ModelPrice,
  type ModelPriceInput,
  type PricingMode,
  type TokenPriceField,
} from '../../../../contracts';
import { isPriceInput } from '../../utils/decimal';
import type { TFunction } from '../../utils/translations';

/** Error message by field key (utils/errors.ts FieldErrors; not imported, so this file stays free of Strapi's admin and testable in Node). */
type FieldErrors = Record<string, string>;

// The model price form as text fields: what it holds, how a price fills it, how it becomes the request body,
// and the checks made before sending. The token kinds come from contracts/pricing.ts (TOKEN_KINDS).

export type TokenForm = Record<TokenPriceField, string>;

export interface TierForm extends TokenForm {
  upTo: string;
}

/** One of the model's own tool prices, as typed. */
export interface ToolRow {
  tool: string;
  price: string;
}

export interface PriceForm extends TokenForm {
  model: string;
  mode: PricingMode;
  perCall: string;
  perSecond: string;
  perRequest: string;
  tools: ToolRow[];
  tiers: TierForm[];
  enabled: boolean;
}

const tokensOf = (prices?: Partial<Record<TokenPriceField, string>>): TokenForm =>
  Object.fromEntries(TOKEN_PRICE_FIELDS.map((field) => [field, prices?.[field] ?? ''])) as TokenForm;

export const emptyTier = (): TierForm => ({ upTo: '', ...tokensOf() });

export const toForm = (price?: Partial<ModelPrice>): PriceForm => ({
  model: price?.model ?? '',
  mode: price?.mode ?? 'token',
  ...tokensOf(price),
  perCall: price?.perCall ?? '',
  perSecond: price?.perSecond ?? '',
  perRequest: price?.perRequest ?? '',
  tools: Object.entries(price?.tools ?? {}).map(([tool, perCall]) => ({ tool, price: perCall })),
  tiers: (price?.tiers?.length ? price.tiers : [{ upTo: null }]).map((tier) => ({
    upTo: tier.upTo === null || tier.upTo === undefined ? '' : String(tier.upTo),
    ...tokensOf(tier),
  })),
  enabled: price?.enabled ?? true,
});

/** The prices typed, trimmed; an empty field is a price not set (it falls back, or is 0 for input and output). */
export const tokenPrices = (source: TokenForm): Partial<Record<TokenPriceField, string>> => {
  const out: Partial<Record<TokenPriceField, string>> = {};
  for (const field of TOKEN_PRICE_FIELDS) if (source[field].trim()) out[field] = source[field].trim();
  return out;
};

/** Rows left wholly empty (a row just added) are not a price. */
const filledRows = (rows: ToolRow[]) => rows.filter((row) => row.tool.trim() || row.price.trim());

/** What a token or tiered model carries once: its fee per request and its own tool prices. */
const modelExtras = (form: PriceForm): Pick<ModelPriceInput, 'perRequest' | 'tools'> => {
  const rows = filledRows(form.tools);
  return {
    ...(form.perRequest.trim() ? { perRequest: form.perRequest.trim() } : {}),
    ...(rows.length ? { tools: Object.fromEntries(rows.map((row) => [row.tool.trim(), row.price.trim()])) } : {}),
  };
};

/** The request body: only the fields of the chosen mode (the server rejects fields of another mode). */
export const toBody = (form: PriceForm): ModelPriceInput => {
  const base = { model: form.model.trim(), mode: form.mode, enabled: form.enabled };
  switch (form.mode) {
    case 'token':
      return { ...base, ...tokenPrices(form), ...modelExtras(form) };
    case 'tiered':
      return {
        ...base,
        tiers: form.tiers.map((tier) => ({ upTo: tier.upTo.trim() === '' ? null : Number(tier.upTo.trim()), ...tokenPrices(tier) })),
        ...modelExtras(form),
      };
    case 'per_call':
      return { ...base, perCall: form.perCall.trim() };
    case 'per_second':
      return { ...base, perSecond: form.perSecond.trim() };
    default:
      return base;
  }
};

/** Whether anything beyond the text prices is set: the folded sections then start open. */
export const hasMoreThanText = (form: PriceForm): boolean =>
  Boolean(form.perRequest.trim()) ||
  filledRows(form.tools).length > 0 ||
  MORE_TOKEN_PRICE_FIELDS.some((field) => form[field].trim() || form.tiers.some((tier) => tier[field].trim()));

export const tierHasMore = (tier: TierForm): boolean => MORE_TOKEN_PRICE_FIELDS.some((field) => tier[field].trim());

/**
 * What an empty price field will be billed at, for its placeholder: "0" for input and output, otherwise the
 * price it falls back to ("3 (as Input)"); nothing when the fallback is ambiguous (the field is then required).
 */
export const fallbackPlaceholder = (values: TokenForm, field: TokenPriceField, t: TFunction): string => {
  const source = priceSource({ ...tokenPrices(values), [field]: undefined }, field);
  if (source === null) return '0';
  if (source === 'ambiguous' || source === field) return '';
  return t('price.field.fallback', { price: values[source].trim(), field: t(`price.field.${source}`) });
};

/** The server's error for one of the model's tool prices, wherever its path names the tool. */
export const toolError = (errors: FieldErrors, row: ToolRow, index: number): string | undefined =>
  errors[`tools[${index}].price`] ?? errors[`tools.${row.tool.trim()}`] ?? errors[`tools[${JSON.stringify(row.tool.trim())}]`];

export const validate = (form: PriceForm, t: TFunction): FieldErrors => {
  const errors: FieldErrors = {};
  const decimal = (key: string, value: string, required = false) => {
    if (!value.trim()) {
      if (required) errors[key] = t('errors.required');
    } else if (!isPriceInput(value)) errors[key] = t('errors.decimal');
  };
  const tokens = (prefix: string, values: TokenForm) => {
    TOKEN_PRICE_FIELDS.forEach((field) => decimal(`${prefix}${field}`, values[field]));
    for (const field of ambiguousPriceFields(tokenPrices(values))) {
      const [first, second] = tokenKind(field).parents.map((parent) => t(`price.field.${parent}`));
      if (!errors[`${prefix}${field}`]) errors[`${prefix}${field}`] = t('price.errors.ambiguous', { first, second });
    }
  };
  const extras = () => {
    decimal('perRequest', form.perRequest);
    const seen = new Set<string>();
    form.tools.forEach((row, index) => {
      if (!row.tool.trim() && !row.price.trim()) return;
      if (!row.tool.trim()) errors[`tools[${index}].tool`] = t('errors.required');
      else if (seen.has(row.tool.trim())) errors[`tools[${index}].tool`] = t('price.errors.duplicateTool');
      seen.add(row.tool.trim());
      decimal(`tools[${index}].price`, row.price, true);
    });
  };

  if (!form.model.trim()) errors.model = t('errors.required');
  if (form.mode === 'token') {
    tokens('', form);
    extras();
  }
  if (form.mode === 'per_call') decimal('perCall', form.perCall, true);
  if (form.mode === 'per_second') decimal('perSecond', form.perSecond, true);
  if (form.mode === 'tiered') {
    form.tiers.forEach((tier, index) => {
      tokens(`tiers[${index}].`, tier);
      const upTo = tier.upTo.trim();
      if (upTo && !/^[1-9]\d*$/.test(upTo)) errors[`tiers[${index}].upTo`] = t('price.errors.upTo');
      if (!upTo && index !== form.tiers.length - 1) errors[`tiers[${index}].upTo`] = t('price.errors.upToOpen');
    });
    extras();
  }
  return errors;
};
