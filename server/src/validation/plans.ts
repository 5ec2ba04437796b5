import { z } from 'zod';
import { DISCOUNT_PATTERN, PLAN_INTERVALS, PLAN_NOTES_MAX_LINES, PLAN_NOTE_MAX_LENGTH } from '../../../contracts/plans';
import { booleanField, moneyString, nameString } from '../rating/fields';
import { BillingValidationError } from '../errors';
import { objectBody } from './body';
import { parseWith } from './zod-issues';

const planFields = {
  name: nameString(),
  description: z.string({ invalid_type_error: 'must be a string' }).max(2000, 'must be at most 2000 characters').nullable(),
  price: moneyString(),
  currency: z.string({ invalid_type_error: 'must be a string' }).regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as "USD"'),
  interval: z.enum(PLAN_INTERVALS, { errorMap: () => ({ message: `must be one of ${PLAN_INTERVALS.join(', ')}` }) }),
  periodCredit: moneyString(),
  discount: z
    .string({ invalid_type_error: 'must be a decimal string such as "20" (percent off)' })
    .regex(DISCOUNT_PATTERN, 'must be a percentage from "0" to "100" with at most 4 decimals'),
  enabled: booleanField(),
  sortOrder: z.number({ invalid_type_error: 'must be an integer' }).int('must be an integer').min(-1_000_000).max(1_000_000),
  notes: z
    .array(z.string({ invalid_type_error: 'must be a string' }).min(1, 'must not be empty').max(PLAN_NOTE_MAX_LENGTH, `must be at most ${PLAN_NOTE_MAX_LENGTH} characters`), {
      invalid_type_error: 'must be an array of strings',
    })
    .max(PLAN_NOTES_MAX_LINES, `must have at most ${PLAN_NOTES_MAX_LINES} lines`),
};

const createSchema = z
  .object({
    ...planFields,
    description: planFields.description.optional(),
    currency: planFields.currency.optional(),
    discount: planFields.discount.optional(),
    enabled: planFields.enabled.optional(),
    sortOrder: planFields.sortOrder.optional(),
    notes: planFields.notes.optional(),
  })
  .strict();

const updateSchema = createSchema.partial().strict();

export type PlanCreate = z.infer<typeof createSchema>;
export type PlanUpdate = z.infer<typeof updateSchema>;

/** A plan's currency must be the billing currency: credit and prices are in the one currency balances use. */
const checkCurrency = <T extends { currency?: string }>(plan: T, billingCurrency: string): T => {
  if (plan.currency !== undefined && plan.currency !== billingCurrency) {
    throw BillingValidationError.naming('Invalid plan', [{ path: 'currency', message: `must be the billing currency "${billingCurrency}"` }]);
  }
  return plan;
};

export const parsePlanCreate = (body: unknown, billingCurrency: string): PlanCreate =>
  checkCurrency(parseWith(createSchema, objectBody(body), 'Invalid plan'), billingCurrency);

export const parsePlanUpdate = (body: unknown, billingCurrency: string): PlanUpdate =>
  checkCurrency(parseWith(updateSchema, objectBody(body), 'Invalid plan'), billingCurrency);

/** A numeric id in a URL (`/plans/:id`). */
export const parseIdParam = (value: unknown, field = 'id'): number => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1 || String(value) !== String(id)) {
    throw BillingValidationError.naming('Invalid path', [{ path: field, message: 'must be a positive integer' }]);
  }
  return id;
};

const grantSchema = z.object({ planId: z.number({ required_error: 'is required', invalid_type_error: 'must be a plan id (integer)' }).int('must be an integer').positive('must be positive') }).strict();

export const parseSubscriptionGrant = (body: unknown) => parseWith(grantSchema, objectBody(body), 'Invalid subscription grant');
