/*
 * The plan form as data: its values (every field typed as text, money never parsed into a number), the
 * checks made before saving (the server checks again, with the same contract rules) and the body sent.
 */
import {
  DISCOUNT_PATTERN,
  PLAN_NOTE_MAX_LENGTH,
  PLAN_NOTES_MAX_LINES,
  finalPlanPrice,
  type Plan,
  type PlanInput,
  type PlanInterval,
} from '../../../../contracts';
import { isAmountInput } from '../../utils/decimal';
import { requiredAmountError } from '../../utils/fieldChecks';
import type { TFunction } from '../../utils/translations';

/** Error message by field key (utils/errors.ts FieldErrors; not imported, so this file stays free of Strapi's admin and testable in Node). */
type FieldErrors = Record<string, string>;

export interface PlanForm {
  name: string;
  description: string;
  price: string;
  interval: PlanInterval;
  periodCredit: string;
  /** Percent off the price. */
  discount: string;
  enabled: boolean;
  sortOrder: string;
  /** One note per line. */
  notes: string;
}

export const toPlanForm = (plan?: Plan): PlanForm => ({
  name: plan?.name ?? '',
  description: plan?.description ?? '',
  price: plan?.price ?? '',
  interval: plan?.interval ?? 'monthly',
  periodCredit: plan?.periodCredit ?? '',
  discount: plan?.discount ?? '0',
  enabled: plan?.enabled ?? true,
  sortOrder: String(plan?.sortOrder ?? 0),
  notes: (plan?.notes ?? []).join('\n'),
});

/** The note lines as sent: trimmed, empty lines dropped. */
export const noteLines = (notes: string) =>
  notes
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const SORT_ORDER = /^-?\d{1,9}$/;

/** The discount typed, or "0" when the field is left empty. */
const discountOf = (form: PlanForm) => form.discount.trim() || '0';

/** What a buyer pays, by the server's own rule; undefined while the price or the discount is not valid. */
export const previewFinalPrice = (form: PlanForm, currency: string | undefined) => {
  const discount = discountOf(form);
  if (!isAmountInput(form.price) || !DISCOUNT_PATTERN.test(discount)) return undefined;
  return { price: form.price.trim(), discount, finalPrice: finalPlanPrice(form.price.trim(), discount, currency ?? '') };
};

/** The errors the form shows before sending anything, keyed by field. */
export const checkPlanForm = (form: PlanForm, t: TFunction): FieldErrors => {
  const errors: FieldErrors = {};
  if (!form.name.trim()) errors.name = t('errors.required');
  const priceError = requiredAmountError(form.price, t);
  if (priceError) errors.price = priceError;
  const creditError = requiredAmountError(form.periodCredit, t);
  if (creditError) errors.periodCredit = creditError;
  if (!DISCOUNT_PATTERN.test(discountOf(form))) errors.discount = t('plans.errors.discount');
  if (!SORT_ORDER.test(form.sortOrder.trim())) errors.sortOrder = t('plans.errors.sortOrder');
  const lines = noteLines(form.notes);
  if (lines.length > PLAN_NOTES_MAX_LINES) errors.notes = t('plans.errors.notesLines', { max: PLAN_NOTES_MAX_LINES });
  else if (lines.some((line) => line.length > PLAN_NOTE_MAX_LENGTH)) {
    errors.notes = t('plans.errors.noteLength', { max: PLAN_NOTE_MAX_LENGTH });
  }
  return errors;
};

/**
 * The server names a note's error by its line (`notes[2]`): the form has one textarea for them all, so
 * such an error is shown on it.
 */
export const notesError = (errors: FieldErrors) =>
  errors.notes ?? Object.entries(errors).find(([key]) => key.startsWith('notes['))?.[1];

/** The body of POST /plans and PUT /plans/:id; the currency is left to the server (the billing currency). */
export const toPlanInput = (form: PlanForm): PlanInput => ({
  name: form.name.trim(),
  description: form.description.trim() || null,
  price: form.price.trim(),
  interval: form.interval,
  periodCredit: form.periodCredit.trim(),
  discount: discountOf(form),
  enabled: form.enabled,
  sortOrder: Number(form.sortOrder.trim()),
  notes: noteLines(form.notes),
});
