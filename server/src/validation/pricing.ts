import {
  normalizePricingFile,
  validatePricingFile,
  validateRateRequest,
  type ModelPrice,
  type PricingFile,
  type ServiceMultiplier,
  type ToolPrice,
  type ValidatedRateRequest,
} from '../rating';
import { nestedPath, relativePath } from '../rating/validation-errors';
import { BillingValidationError, type ValidationIssue } from '../errors';
import { objectBody } from './body';

// Admin pricing bodies are checked with the pricing file's own rules, so an entry the admin saves is
// exactly one the pricing file accepts (and exports) — and the services only ever see valid entries.

type PricingList = 'models' | 'tools' | 'multipliers';

/** One admin-edited entry checked with the pricing-file rules; issue paths are relative to the entry. */
const checkEntry = <K extends PricingList>(list: K, entry: unknown): { ok: true; entry: PricingFile[K][number] } | { ok: false; issues: ValidationIssue[] } => {
  const result = validatePricingFile({ version: 1, [list]: [entry] });
  if (result.ok) return { ok: true, entry: normalizePricingFile(result.file)[list][0] as PricingFile[K][number] };
  return { ok: false, issues: result.errors.map((e) => ({ path: relativePath(e.path, `${list}[0]`), message: e.message })) };
};

/** A model price, tool price or multiplier body: the normalized entry, or a 400 naming the field. */
const parseEntry = <K extends PricingList>(list: K, entry: unknown): PricingFile[K][number] => {
  const checked = checkEntry(list, entry);
  if (!checked.ok) throw BillingValidationError.naming(`Invalid ${list.slice(0, -1)}`, checked.issues);
  return checked.entry;
};

export const parseModelPrice = (body: unknown): ModelPrice => parseEntry('models', body);

/** The body of PUT /model-prices/:model: the model comes from the URL, and a body naming another one is refused. */
export const parseModelPriceUpdate = (model: string, body: unknown): ModelPrice => {
  const price = parseEntry('models', { model, ...(body as object) });
  if (price.model !== model) throw new BillingValidationError('model cannot be renamed', [{ path: 'model', message: 'must match the URL' }]);
  return price;
};

export const parseToolPrice = (body: unknown): ToolPrice => parseEntry('tools', body);

/** The body of PUT /tool-prices/:tool: the URL names the tool. */
export const parseToolPriceUpdate = (tool: string, body: unknown): ToolPrice => parseEntry('tools', { ...(body as object), tool });

export const parseMultiplier = (body: unknown): ServiceMultiplier => parseEntry('multipliers', body);

/** The body of PUT /multipliers/:name: the URL names the multiplier. */
export const parseMultiplierUpdate = (name: string, body: unknown): ServiceMultiplier => parseEntry('multipliers', { ...(body as object), name });

/** An uploaded pricing file, checked whole: every problem reported with its JSON path. */
export const parsePricingFile = (body: unknown): PricingFile => {
  const result = validatePricingFile(body);
  if (!result.ok) throw BillingValidationError.naming('Invalid pricing file', result.errors);
  return result.file;
};

/**
 * The admin's bill preview: `price`, a draft model price validated exactly as the model-price create body
 * (its errors named under `price.`), and the rest of the body, which is the content-API /quote body without
 * `model` (the draft's model), validated by the same rules (errors at the same paths: `usage.inputTokens`).
 * Both parts are checked so every offending field is reported at once.
 */
export const parseAdminQuote = (body: unknown): { price: ModelPrice; request: ValidatedRateRequest } => {
  const { price, model, ...quote } = objectBody(body);
  const draft = checkEntry('models', price);
  // An invalid draft is already reported under `price`; any valid name lets the usage part be checked too.
  const request = validateRateRequest({ ...quote, model: draft.ok ? draft.entry.model : 'draft' }, { requireIds: false });
  const issues: ValidationIssue[] = [
    ...(draft.ok ? [] : draft.issues.map((issue) => ({ path: nestedPath('price', issue.path), message: issue.message }))),
    ...(model === undefined ? [] : [{ path: 'model', message: 'must not be set: the model is price.model' }]),
    ...(request.ok ? [] : request.errors),
  ];
  if (!draft.ok || !request.ok || issues.length > 0) throw BillingValidationError.naming('Invalid quote request', issues);
  return { price: draft.entry, request: request.request };
};
