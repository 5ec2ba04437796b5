/*
 * The code creation form as data: its values (typed as text; the amount never parsed into a number), the
 * checks made before sending (the server checks again with the same rules, server/src/validation/codes.ts)
 * and the body sent.
 */
import {
  CODE_MAX_LENGTH,
  CODES_PER_REQUEST,
  codeKey,
  type CodeCreateInput,
  type CodeMode,
} from '../../../../contracts';
import { isZeroDecimal } from '../../utils/decimal';
import { requiredAmountError } from '../../utils/fieldChecks';
import type { FieldErrors } from '../../utils/errors';
import type { TFunction } from '../../utils/translations';

export interface CodeForm {
  /** How many codes to generate; with 1 a code text may be chosen. */
  count: string;
  mode: CodeMode;
  /** Usage codes: the amount credited, in the billing currency. */
  amount: string;
  /** Period codes: the plan (its id as text, as the select holds it) and the days granted. */
  planId: string;
  durationDays: string;
  totalUses: string;
  perUserLimit: string;
  expiresAt: Date | undefined;
  description: string;
  batch: string;
  /** A chosen code text such as WELCOME-5 (count 1 only); empty to generate one. */
  code: string;
}

export const emptyCodeForm = (): CodeForm => ({
  count: '1',
  mode: 'usage',
  amount: '',
  planId: '',
  durationDays: '30',
  totalUses: '1',
  perUserLimit: '1',
  expiresAt: undefined,
  description: '',
  batch: '',
  code: '',
});

/** The server's bounds (server/src/validation/codes.ts). */
const MAX_DURATION_DAYS = 36_500;
const MAX_USES = 1_000_000_000;
const BATCH_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const CODE_PATTERN = /^[A-Za-z0-9 -]+$/;

/** A whole number from `min` to `max` typed as text, or undefined. */
const wholeNumber = (text: string, min: number, max: number): number | undefined => {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
};

/** The count typed, when it is a valid one. */
export const codeCount = (form: CodeForm) => wholeNumber(form.count, 1, CODES_PER_REQUEST);

/** Whether the form creates one code (so its text may be chosen). */
export const isSingle = (form: CodeForm) => codeCount(form) === 1;

/** The errors the form shows before sending anything, keyed by field. */
export const checkCodeForm = (form: CodeForm, t: TFunction, now = new Date()): FieldErrors => {
  const errors: FieldErrors = {};
  if (codeCount(form) === undefined) errors.count = t('codes.errors.count', { max: CODES_PER_REQUEST.toLocaleString('en') });
  if (form.mode === 'usage') {
    const amountError = requiredAmountError(form.amount, t);
    if (amountError) errors.amount = amountError;
    else if (isZeroDecimal(form.amount)) errors.amount = t('codes.errors.amountZero');
  } else {
    if (!form.planId) errors.planId = t('errors.required');
    if (wholeNumber(form.durationDays, 1, MAX_DURATION_DAYS) === undefined) {
      errors.durationDays = t('codes.errors.wholeNumber', { max: MAX_DURATION_DAYS.toLocaleString('en') });
    }
  }
  const totalUses = wholeNumber(form.totalUses, 1, MAX_USES);
  const perUserLimit = wholeNumber(form.perUserLimit, 1, MAX_USES);
  if (totalUses === undefined) errors.totalUses = t('codes.errors.wholeNumber', { max: MAX_USES.toLocaleString('en') });
  if (perUserLimit === undefined) errors.perUserLimit = t('codes.errors.wholeNumber', { max: MAX_USES.toLocaleString('en') });
  else if (totalUses !== undefined && perUserLimit > totalUses) errors.perUserLimit = t('codes.errors.perUserLimit');
  if (form.expiresAt && form.expiresAt <= now) errors.expiresAt = t('codes.errors.expiresAt');
  if (form.batch.trim() && !BATCH_PATTERN.test(form.batch.trim())) errors.batch = t('codes.errors.batch');
  const code = form.code.trim();
  if (isSingle(form) && code) {
    if (code.length > CODE_MAX_LENGTH || !CODE_PATTERN.test(code) || codeKey(code).length < 3) {
      errors.code = t('codes.errors.code', { max: CODE_MAX_LENGTH });
    }
  }
  return errors;
};

/** The body of POST /codes: the fields of the form's mode, optional ones only when filled. */
export const toCodeInput = (form: CodeForm): CodeCreateInput => {
  const count = codeCount(form) ?? 1;
  const grant: Partial<CodeCreateInput> =
    form.mode === 'usage'
      ? { amount: form.amount.trim() }
      : { planId: Number(form.planId), durationDays: Number(form.durationDays.trim()) };
  return {
    mode: form.mode,
    ...grant,
    count,
    totalUses: Number(form.totalUses.trim()),
    perUserLimit: Number(form.perUserLimit.trim()),
    ...(form.expiresAt ? { expiresAt: form.expiresAt.toISOString() } : {}),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    ...(form.batch.trim() ? { batch: form.batch.trim() } : {}),
    ...(count === 1 && form.code.trim() ? { code: form.code.trim() } : {}),
  };
};
