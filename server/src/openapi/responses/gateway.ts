import { z } from 'zod';
import type { Bill, HoldExtension } from '../../../../contracts/api';
import { BILLING_MODES, HOLD_STATUSES, USAGE_STATUSES } from '../../../../contracts/billing';
import { PRICING_MODES } from '../../../../contracts/pricing';
import type { AuthorizeOutcome } from '../../services/funding/types';
import type { BatchItemResult } from '../../services/metering-batch';
import type { UsageResult } from '../../services/report-parts';
import { dateTime, decimal } from '../common';
import { component } from '../zod-openapi';
import type { Agrees } from './agrees';

// The `data` of the gateway routes' answers.

export const billLineSchema = component(
  'BillLine',
  z.object({ item: z.string(), quantity: z.string(), unitPrice: decimal, unit: z.string(), amount: decimal }),
);

export const billSchema = component(
  'Bill',
  z.object({
    model: z.string(),
    mode: z.enum([...PRICING_MODES, 'unpriced']),
    tier: z.number().int().optional().describe('Index of the tier used (tiered prices).'),
    currency: z.string(),
    lines: z.array(billLineSchema),
    modelCost: decimal,
    multiplier: decimal,
    toolCost: decimal,
    total: decimal,
    flags: z.array(z.string()),
  }),
  'A bill as the rating engine prices it: exact line items and totals (POST /quote; the lines of a usage result).',
);

export const authorizeResultSchema = component(
  'AuthorizeResult',
  z.object({
    allowed: z.literal(true),
    mode: z.enum(BILLING_MODES),
    holdId: z.string().optional().describe('The hold opened (usage and period mode, paid models).'),
    held: decimal.optional().describe('The amount the hold reserves.'),
    available: decimal.optional().describe('Usage mode: what remains available after this hold.'),
    remainingCredit: decimal.optional().describe("Period mode: this period's credit left after this hold."),
    status: z.enum(HOLD_STATUSES).optional().describe('Present when this requestId was authorized before: the status of the hold handed back.'),
  }),
);

export const usageResultSchema = component(
  'UsageResult',
  z.object({
    requestId: z.string(),
    userId: z.string(),
    mode: z.enum(BILLING_MODES),
    model: z.string(),
    currency: z.string(),
    cost: decimal.describe('The priced bill.'),
    charged: decimal.describe('What was deducted ("0" in self mode; the credit consumed in period mode).'),
    lines: z.array(billLineSchema),
    balance: decimal.optional().describe('Usage mode: the balance after this call.'),
    remainingCredit: decimal.optional().describe("Period mode: this period's credit left."),
    status: z.enum(USAGE_STATUSES),
    flags: z.array(z.string()),
    logId: z.string(),
  }),
);

export const batchItemSchema = component(
  'UsageBatchItem',
  z.object({
    requestId: z.string().nullable().describe('The report\'s requestId; null when it had none (a 400).'),
    status: z.number().int().describe('What POST /usage would have answered: 201 recorded, 200 replay, 409 conflict, 400 invalid, 500.'),
    data: usageResultSchema.optional(),
    error: z
      .object({ status: z.number().int(), name: z.string(), message: z.string(), details: z.record(z.unknown()) })
      .optional()
      .describe("The `error` member POST /usage would have answered (fields named relative to the report)."),
  }),
);

export const holdReleaseSchema = component('HoldRelease', z.object({ holdId: z.string(), status: z.enum(HOLD_STATUSES) }));

export const holdExtensionSchema = component(
  'HoldExtension',
  z.object({
    holdId: z.string(),
    status: z.literal('open'),
    held: decimal.describe('Everything the hold now reserves.'),
    added: decimal,
    expiresAt: dateTime.describe('Renewed by each extension: now + holdTtlSeconds.'),
    available: decimal.optional().describe('Usage mode: what is left beyond every open hold.'),
    remainingCredit: decimal.optional().describe("Period mode: this period's credit left beyond every open hold."),
  }),
);

export const registeredModelsSchema = component('RegisteredModels', z.object({ registered: z.array(z.string()) }));

// The schemas above and the types the services build their answers with must agree.
const billAgrees: Agrees<z.infer<typeof billSchema>, Bill> = true;
const authorizeAgrees: Agrees<Omit<z.infer<typeof authorizeResultSchema>, 'status'>, AuthorizeOutcome> = true;
const usageAgrees: Agrees<z.infer<typeof usageResultSchema>, UsageResult> = true;
const batchAgrees: Agrees<z.infer<typeof batchItemSchema>, BatchItemResult> = true;
const extensionAgrees: Agrees<z.infer<typeof holdExtensionSchema>, HoldExtension> = true;
export const GATEWAY_TYPES_AGREE = [billAgrees, authorizeAgrees, usageAgrees, batchAgrees, extensionAgrees];
