import { z } from 'zod';
import { ORDER_KINDS, ORDER_STATUSES, PAYMENT_CHANNELS, SETTINGS_RULES, type CheckoutRequest, type OrderListQuery } from '../../../contracts';
import { moneyString } from '../rating/fields';
import { toNanos } from '../rating';
import { BillingValidationError, type ValidationIssue } from '../errors';
import { objectBody } from './body';
import { pageFields } from './admin';
import { parseWith } from './zod-issues';

const channel = z.enum(PAYMENT_CHANNELS, { errorMap: () => ({ message: `is required: one of ${PAYMENT_CHANNELS.join(', ')}` }) });

/** The fields of a checkout; the rules between them (kindIssues) are checked after it. Exported for the OpenAPI document. */
export const checkoutSchema = z
  .object({
    channel,
    kind: z.enum(ORDER_KINDS, { errorMap: () => ({ message: `is required: one of ${ORDER_KINDS.join(', ')}` }) }),
    amount: moneyString().optional(),
    planId: z.number({ invalid_type_error: 'must be an integer (a JSON number)' }).int('must be an integer').min(1).max(2_147_483_647).optional(),
    payType: z.string({ invalid_type_error: 'must be a string' }).regex(SETTINGS_RULES.payType, 'must be lowercase letters, digits or _').optional(),
  })
  .strict();

/** The cross-field rules: what each kind needs and refuses (amounts against the settings come later, in the service). */
const kindIssues = (input: CheckoutRequest): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (input.kind === 'topup') {
    if (input.amount === undefined) issues.push({ path: 'amount', message: 'is required for a top-up' });
    else if (toNanos(input.amount) <= 0n) issues.push({ path: 'amount', message: 'must be more than 0' });
    if (input.planId !== undefined) issues.push({ path: 'planId', message: 'is only for plan purchases' });
  } else {
    if (input.planId === undefined) issues.push({ path: 'planId', message: 'is required for a plan purchase' });
    if (input.amount !== undefined) issues.push({ path: 'amount', message: 'is only for top-ups (a plan costs its price)' });
  }
  if (input.payType !== undefined && input.channel !== 'epay') issues.push({ path: 'payType', message: 'is only for EPay' });
  return issues;
};

/** POST …/checkout body → a checkout request, or the 400 naming each offending field. */
export const parseCheckout = (body: unknown): CheckoutRequest => {
  const input = parseWith(checkoutSchema, objectBody(body), 'Invalid checkout');
  const issues = kindIssues(input);
  if (issues.length) throw BillingValidationError.naming('Invalid checkout', issues);
  return input;
};

const orderListSchema = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    channel: z.enum(PAYMENT_CHANNELS).optional(),
    kind: z.enum(ORDER_KINDS).optional(),
    userId: z.string().max(191).optional(),
    q: z.string().max(191).optional(),
    ...pageFields,
  })
  .strict();

export const parseOrderQuery = (query: unknown): OrderListQuery => parseWith(orderListSchema, objectBody(query ?? {}), 'Invalid order filter');

export const parseTestPayment = (body: unknown) => parseWith(z.object({ channel }).strict(), objectBody(body), 'Invalid test payment');
