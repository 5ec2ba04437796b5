import { z } from 'zod';
import { MODEL_EXTRA_FIELDS, TOKEN_PRICE_FIELDS, ambiguousPriceFields, tokenKind } from '../../../contracts/pricing';
import { formatMoney, parseDecimal } from './money';
import { arrayOf, booleanField, nameString, objectOf, priceString } from './fields';
import { issuesToErrors, jsonPath, uniqueErrors } from './validation-errors';
import type {
  ModelPrice,
  PriceBook,
  PriceTier,
  PricingFile,
  PricingMode,
  ServiceMultiplier,
  TokenPrices,
  ToolPrice,
  ValidationError,
} from './types';

export const PRICING_FILE_VERSION = 1;

export const MAX_MODEL_TOOLS = 64;
/**
 * The most entries one pricing file holds: far above any real price list (the largest public one has
 * about 1,700 models), low enough that an import is one quick transaction.
 */
export const MAX_FILE_MODELS = 10_000;
export const MAX_FILE_TOOLS = 1_000;
export const MAX_FILE_MULTIPLIERS = 1_000;

const tokenPriceFields = Object.fromEntries(TOKEN_PRICE_FIELDS.map((field) => [field, priceString().optional()]));

/** What a token or tiered model carries once, beside its token prices (not per tier). */
const modelExtraFields = {
  perRequest: priceString().optional(),
  // This model's own per-call tool prices: { "web_search": "0.01" }.
  tools: z
    .record(nameString(), priceString(), { invalid_type_error: 'must be an object of tool names to prices per call, such as { "web_search": "0.01" }' })
    .refine((tools) => Object.keys(tools).length <= MAX_MODEL_TOOLS, `must have at most ${MAX_MODEL_TOOLS} tools`)
    .optional(),
} satisfies Record<(typeof MODEL_EXTRA_FIELDS)[number], z.ZodTypeAny>;

const tierSchema = objectOf({
  upTo: z
    .number({
      required_error: 'is required (a positive integer, or null for the last tier)',
      invalid_type_error: 'must be a positive integer or null',
    })
    .int('must be an integer')
    .positive('must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`)
    .nullable(),
  ...tokenPriceFields,
});

const modelFields = { model: nameString(), enabled: booleanField().default(true) };

// One strict schema per mode: a field that belongs to another mode is an error, not silently ignored.
const modelSchema = z.discriminatedUnion(
  'mode',
  [
    objectOf({ ...modelFields, mode: z.literal('token'), ...tokenPriceFields, ...modelExtraFields }),
    objectOf({ ...modelFields, mode: z.literal('tiered'), tiers: arrayOf(tierSchema).min(1, 'must have at least one tier'), ...modelExtraFields }),
    objectOf({ ...modelFields, mode: z.literal('per_call'), perCall: priceString() }),
    objectOf({ ...modelFields, mode: z.literal('per_second'), perSecond: priceString() }),
    objectOf({ ...modelFields, mode: z.literal('free') }),
  ],
  {
    errorMap: (issue) => ({
      message: issue.code === 'invalid_type' ? 'must be an object' : 'must be one of "token", "tiered", "per_call", "per_second", "free"',
    }),
  },
);

const toolSchema = objectOf({ tool: nameString(), perCall: priceString(), enabled: booleanField().default(true) });

const multiplierSchema = objectOf({ name: nameString(), factor: priceString() });

const pricingFileSchema = z
  .object(
    {
      version: z.literal(PRICING_FILE_VERSION, {
        errorMap: () => ({ message: `must be ${PRICING_FILE_VERSION} (the only pricing file version)` }),
      }),
      currency: z
        .string({ invalid_type_error: 'must be a string' })
        .regex(/^[A-Z]{3}$/, 'must be a 3-letter uppercase currency code such as "USD"')
        .default('USD'),
      models: arrayOf(modelSchema).max(MAX_FILE_MODELS, `must have at most ${MAX_FILE_MODELS} models`).default([]),
      tools: arrayOf(toolSchema).max(MAX_FILE_TOOLS, `must have at most ${MAX_FILE_TOOLS} tools`).default([]),
      multipliers: arrayOf(multiplierSchema).max(MAX_FILE_MULTIPLIERS, `must have at most ${MAX_FILE_MULTIPLIERS} multipliers`).default([]),
    },
    { required_error: 'is required', invalid_type_error: 'must be a JSON object' },
  )
  .strict();

/** Fields each mode accepts, to tell "belongs to another mode" from "unknown" in errors. */
const FIELDS_BY_MODE: Record<PricingMode, readonly string[]> = {
  token: [...TOKEN_PRICE_FIELDS, ...MODEL_EXTRA_FIELDS],
  tiered: ['tiers', ...MODEL_EXTRA_FIELDS],
  per_call: ['perCall'],
  per_second: ['perSecond'],
  free: [],
};
const MODE_SPECIFIC_FIELDS = new Set(Object.values(FIELDS_BY_MODE).flat());

export type PricingFileResult = { ok: true; file: PricingFile } | { ok: false; errors: ValidationError[] };

/**
 * Checks a parsed pricing file and applies its defaults. Reports every problem, each with the
 * JSON path of the offending value. Rules that compare entries with each other (duplicate names,
 * tier order) are checked on the raw input, so they are reported alongside structural errors
 * elsewhere in the file instead of waiting for those to be fixed first.
 */
export function validatePricingFile(input: unknown): PricingFileResult {
  const parsed = pricingFileSchema.safeParse(input);
  const structural = parsed.success
    ? []
    : issuesToErrors(parsed.error.issues, { unknownFieldMessage: (objectPath, key) => unknownFieldMessage(input, objectPath, key) });
  const errors = uniqueErrors([...structural, ...crossEntryErrors(input)]);
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, file: parsed.data };
}

function unknownFieldMessage(input: unknown, objectPath: readonly (string | number)[], key: string): string {
  const isModelEntry = objectPath.length === 2 && objectPath[0] === 'models';
  if (isModelEntry && MODE_SPECIFIC_FIELDS.has(key)) {
    const mode = valueAt(input, objectPath);
    const modeName = isRecord(mode) && typeof mode.mode === 'string' ? mode.mode : '?';
    return `not allowed for mode "${modeName}"`;
  }
  const isTier = objectPath.length === 4 && objectPath[0] === 'models' && objectPath[2] === 'tiers';
  if (isTier && (MODEL_EXTRA_FIELDS as readonly string[]).includes(key)) return 'not allowed in a tier: set it on the model, where it applies to every tier';
  return 'unknown field';
}

function crossEntryErrors(input: unknown): ValidationError[] {
  if (!isRecord(input)) return [];
  return [
    ...duplicateNameErrors(input.models, 'models', 'model'),
    ...duplicateNameErrors(input.tools, 'tools', 'tool'),
    ...duplicateNameErrors(input.multipliers, 'multipliers', 'name'),
    ...(Array.isArray(input.models) ? input.models.flatMap((model, index) => tierOrderErrors(model, index)) : []),
    ...(Array.isArray(input.models) ? input.models.flatMap((model, index) => fallbackErrors(model, index)) : []),
  ];
}

/**
 * A missing price whose fallback is ambiguous: `cacheReadAudio` missing while both `inputAudio` and
 * `cacheRead` are priced could mean either, so it must be given. Checked on a token model's prices and
 * on each tier's own prices (a tier's fallbacks never look outside the tier).
 */
function fallbackErrors(model: unknown, modelIndex: number): ValidationError[] {
  if (!isRecord(model)) return [];
  const priceSets: { prices: Record<string, unknown>; path: (string | number)[] }[] =
    model.mode === 'token'
      ? [{ prices: model, path: ['models', modelIndex] }]
      : model.mode === 'tiered' && Array.isArray(model.tiers)
        ? model.tiers.flatMap((tier, tierIndex) => (isRecord(tier) ? [{ prices: tier, path: ['models', modelIndex, 'tiers', tierIndex] }] : []))
        : [];
  return priceSets.flatMap(({ prices, path }) =>
    ambiguousPriceFields(prices).map((field) => ({
      path: jsonPath([...path, field]),
      message: `is required when both ${tokenKind(field).parents.join(' and ')} are priced (it could fall back to either)`,
    })),
  );
}

function duplicateNameErrors(entries: unknown, listName: string, nameField: string): ValidationError[] {
  if (!Array.isArray(entries)) return [];
  const firstIndexByName = new Map<string, number>();
  const errors: ValidationError[] = [];
  entries.forEach((entry, index) => {
    const name = isRecord(entry) ? entry[nameField] : undefined;
    if (typeof name !== 'string') return;
    const first = firstIndexByName.get(name);
    if (first === undefined) firstIndexByName.set(name, index);
    else errors.push({ path: jsonPath([listName, index, nameField]), message: `duplicate "${name}" (already defined at ${jsonPath([listName, first])})` });
  });
  return errors;
}

/** Tiers must strictly ascend and end with exactly one open (null) tier, so every size has one price. */
function tierOrderErrors(model: unknown, modelIndex: number): ValidationError[] {
  if (!isRecord(model) || model.mode !== 'tiered' || !Array.isArray(model.tiers) || model.tiers.length === 0) return [];
  const tiers: unknown[] = model.tiers;
  const errors: ValidationError[] = [];
  const upToPath = (tierIndex: number) => jsonPath(['models', modelIndex, 'tiers', tierIndex, 'upTo']);
  let previous: number | undefined;
  tiers.forEach((tier, tierIndex) => {
    const upTo = isRecord(tier) ? tier.upTo : undefined;
    const isLast = tierIndex === tiers.length - 1;
    if (upTo === null && !isLast) {
      errors.push({ path: upToPath(tierIndex), message: 'only the last tier may be open (null): the tiers after it could never apply' });
    } else if (isPositiveInteger(upTo)) {
      if (previous !== undefined && upTo <= previous) {
        errors.push({ path: upToPath(tierIndex), message: `must be greater than the previous tier's upTo (${previous})` });
      }
      previous = upTo;
      if (isLast) errors.push({ path: upToPath(tierIndex), message: 'the last tier must be open (upTo: null) so that every input size has a price' });
    }
  });
  return errors;
}

/** The price book for pricing one call of `model` against a pricing file (price null when absent). */
export function bookFor(file: PricingFile, model: string): PriceBook {
  return {
    currency: file.currency,
    price: file.models.find((m) => m.model === model) ?? null,
    tools: file.tools,
    multipliers: file.multipliers,
  };
}

/**
 * The canonical form of a pricing file: entries sorted by name, fields in a fixed order, only
 * the fields of each model's mode, prices that were given written canonically ("0.30" → "0.3"),
 * prices that were not given left out. Two files that price the same way normalize to the same JSON.
 */
export function normalizePricingFile(file: PricingFile): PricingFile {
  return {
    version: 1,
    currency: file.currency,
    models: sortedBy(file.models, (m) => m.model).map(normalizeModel),
    tools: sortedBy(file.tools, (t) => t.tool).map(
      (t): ToolPrice => ({ tool: t.tool, perCall: canonicalDecimal(t.perCall), enabled: t.enabled }),
    ),
    multipliers: sortedBy(file.multipliers, (m) => m.name).map(
      (m): ServiceMultiplier => ({ name: m.name, factor: canonicalDecimal(m.factor) }),
    ),
  };
}

function normalizeModel(model: ModelPrice): ModelPrice {
  const base = { model: model.model, mode: model.mode, enabled: model.enabled ?? true };
  switch (model.mode) {
    case 'token':
      return { ...base, ...canonicalTokenPrices(model), ...canonicalExtras(model) };
    case 'tiered':
      return {
        ...base,
        tiers: (model.tiers ?? []).map((t): PriceTier => ({ upTo: t.upTo, ...canonicalTokenPrices(t) })),
        ...canonicalExtras(model),
      };
    case 'per_call':
      return { ...base, perCall: canonicalDecimal(model.perCall ?? '0') };
    case 'per_second':
      return { ...base, perSecond: canonicalDecimal(model.perSecond ?? '0') };
    case 'free':
      return base;
  }
}

function canonicalTokenPrices(prices: TokenPrices): TokenPrices {
  const canonical: TokenPrices = {};
  for (const field of TOKEN_PRICE_FIELDS) {
    const value = prices[field];
    if (value !== undefined) canonical[field] = canonicalDecimal(value);
  }
  return canonical;
}

/** perRequest when given; the model's tool prices sorted by tool, left out when there are none. */
function canonicalExtras(model: ModelPrice): Pick<ModelPrice, 'perRequest' | 'tools'> {
  const tools = Object.keys(model.tools ?? {});
  return {
    ...(model.perRequest === undefined ? {} : { perRequest: canonicalDecimal(model.perRequest) }),
    ...(tools.length === 0 ? {} : { tools: Object.fromEntries(sortedBy(tools, (t) => t).map((t) => [t, canonicalDecimal(model.tools![t]!)])) }),
  };
}

function canonicalDecimal(value: string): string {
  return formatMoney(parseDecimal(value));
}

// Plain code-unit order, not localeCompare: the canonical form must not depend on the machine's locale.
function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
