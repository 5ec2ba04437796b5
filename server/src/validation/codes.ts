import { z } from 'zod';
import { CODE_MAX_LENGTH, CODE_MODES, CODE_STATUSES, CODES_PER_REQUEST, codeKey } from '../../../contracts/codes';
import { moneyString } from '../rating/fields';
import { toNanos } from '../rating';
import { BillingValidationError, type ValidationIssue } from '../errors';
import { objectBody } from './body';
import { pageFields } from './admin';
import { parseWith } from './zod-issues';

const positiveInt = (max: number) =>
  z.number({ invalid_type_error: 'must be an integer (a JSON number)' }).int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

const futureDateTime = z
  .string({ invalid_type_error: 'must be an ISO date-time string' })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time such as "2026-12-31T23:59:59Z"')
  .transform((s) => new Date(s));

/** A chosen code: letters, digits, spaces and dashes, at least 3 letters or digits. */
const chosenCode = z
  .string({ invalid_type_error: 'must be a string' })
  .max(CODE_MAX_LENGTH, `must be at most ${CODE_MAX_LENGTH} characters`)
  .regex(/^[A-Za-z0-9 -]+$/, 'may hold only letters, digits, spaces and dashes')
  .refine((s) => codeKey(s).length >= 3, 'must have at least 3 letters or digits');

const createSchema = z
  .object({
    mode: z.enum(CODE_MODES, { errorMap: () => ({ message: `is required: one of ${CODE_MODES.join(', ')}` }) }),
    amount: moneyString().optional(),
    planId: positiveInt(Number.MAX_SAFE_INTEGER).optional(),
    durationDays: positiveInt(36_500).optional(),
    count: positiveInt(CODES_PER_REQUEST).default(1),
    totalUses: positiveInt(1_000_000_000).default(1),
    perUserLimit: positiveInt(1_000_000_000).default(1),
    expiresAt: futureDateTime.nullable().optional(),
    description: z.string({ invalid_type_error: 'must be a string' }).max(2000, 'must be at most 2000 characters').optional(),
    batch: z
      .string({ invalid_type_error: 'must be a string' })
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
      .optional(),
    code: chosenCode.optional(),
  })
  .strict();

export type CodeCreate = z.infer<typeof createSchema>;

/** The cross-field rules of a code: what each mode needs and refuses. */
const modeIssues = (input: CodeCreate, now: Date): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (input.mode === 'usage') {
    if (input.amount === undefined) issues.push({ path: 'amount', message: 'is required for a usage code' });
    else if (toNanos(input.amount) === 0n) issues.push({ path: 'amount', message: 'must be more than 0' });
    if (input.planId !== undefined) issues.push({ path: 'planId', message: 'is only for period codes' });
    if (input.durationDays !== undefined) issues.push({ path: 'durationDays', message: 'is only for period codes' });
  } else {
    if (input.planId === undefined) issues.push({ path: 'planId', message: 'is required for a period code' });
    if (input.durationDays === undefined) issues.push({ path: 'durationDays', message: 'is required for a period code' });
    if (input.amount !== undefined) issues.push({ path: 'amount', message: 'is only for usage codes' });
  }
  if (input.code !== undefined && input.count !== 1) issues.push({ path: 'code', message: 'can be chosen only when count is 1' });
  if (input.perUserLimit > input.totalUses) issues.push({ path: 'perUserLimit', message: 'must not exceed totalUses' });
  if (input.expiresAt && input.expiresAt <= now) issues.push({ path: 'expiresAt', message: 'must be in the future' });
  return issues;
};

export const parseCodeCreate = (body: unknown): CodeCreate => {
  const input = parseWith(createSchema, objectBody(body), 'Invalid code');
  const issues = modeIssues(input, new Date());
  if (issues.length) throw BillingValidationError.naming('Invalid code', issues);
  return input;
};

const updateSchema = z.object({ enabled: z.boolean({ required_error: 'is required', invalid_type_error: 'must be true or false' }) }).strict();
export const parseCodeUpdate = (body: unknown) => parseWith(updateSchema, objectBody(body), 'Invalid code update');

const listSchema = z
  .object({
    batch: z.string().max(64).optional(),
    status: z.enum(CODE_STATUSES).optional(),
    mode: z.enum(CODE_MODES).optional(),
    q: z.string().max(191).optional(),
    ...pageFields,
  })
  .strict();

export type CodeFilter = z.infer<typeof listSchema>;
export const parseCodeFilter = (query: unknown) => parseWith(listSchema, objectBody(query ?? {}), 'Invalid code filter');

export const redeemSchema = z
  .object({
    code: z
      .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
      .max(CODE_MAX_LENGTH * 2, 'is too long')
      .refine((s) => codeKey(s).length > 0, 'must not be empty'),
  })
  .strict();

export const parseRedeem = (body: unknown) => parseWith(redeemSchema, objectBody(body), 'Invalid redemption');
