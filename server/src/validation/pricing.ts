import {
  normalizePricingFile,
  validatePricingFile,
  validateRateRequest,
  type ModelPrice,
  type PricingFile,
  type ValidatedRateRequest,
} from '../rating';
import { BillingValidationError } from '../errors';
import { objectBody } from './gateway';

type PricingList = 'models' | 'tools' | 'multipliers';
type Issue = { path: string; message: string };

/** One admin-edited entry checked with the pricing-file rules; issue paths are relative to the entry. */
const checkEntry = <K extends PricingList>(list: K, entry: unknown): { ok: true; entry: PricingFile[K][number] } | { ok: false; issues: Issue[] } => {
  const result = validatePricingFile({ version: 1, [list]: [entry] });
  if (result.ok) return { ok: true, entry: normalizePricingFile(result.file)[list][0] as PricingFile[K][number] };
  const prefix = `${list}[0]`;
  const issues = result.errors.map((e) => ({
    path: e.path === prefix ? '' : e.path.startsWith(`${prefix}.`) ? e.path.slice(prefix.length + 1) : e.path,
    message: e.message,
  }));
  return { ok: false, issues };
};

/** A model price, tool price or multiplier body (create/update): 400 naming the field, or the normalized entry. */
export const parsePricingEntry = <K extends PricingList>(list: K, entry: unknown): PricingFile[K][number] => {
  const checked = checkEntry(list, entry);
  if (!checked.ok) {
    const [first] = checked.issues;
    throw new BillingValidationError(`Invalid ${list.slice(0, -1)}: ${first.path || 'body'} ${first.message}`, checked.issues);
  }
  return checked.entry;
};

/**
 * The admin's bill preview: `price`, a draft model price validated exactly as the model-price create body
 * (its errors named under `price.`), and the rest of the body, which is the content-API /quote body without
 * `model` (the draft's model), validated by the same rules (errors at the same paths: `usage.inputTokens`).
 * Both parts are checked so every offending field is reported at once.
 */
export const parseAdminQuote = (body: unknown): { price: ModelPrice; request: ValidatedRateRequest } => {
  const { price, model, ...quote } = objectBody(body) as Record<string, unknown>;
  const draft = checkEntry('models', price);
  // An invalid draft is already reported under `price`; any valid name lets the usage part be checked too.
  const request = validateRateRequest({ ...quote, model: draft.ok ? draft.entry.model : 'draft' }, { requireIds: false });
  const issues: Issue[] = [
    ...(draft.ok ? [] : draft.issues.map((issue) => ({ path: issue.path ? `price.${issue.path}` : 'price', message: issue.message }))),
    ...(model === undefined ? [] : [{ path: 'model', message: 'must not be set: the model is price.model' }]),
    ...(request.ok ? [] : request.errors),
  ];
  if (!draft.ok || !request.ok || issues.length > 0) {
    throw new BillingValidationError(`Invalid quote request: ${issues[0].path} ${issues[0].message}`, issues);
  }
  return { price: draft.entry, request: request.request };
};
