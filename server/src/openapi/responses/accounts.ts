import { z } from 'zod';
import type { SubscriptionSummary, UserPlan } from '../../../../contracts/api';
import { CODE_MODES } from '../../../../contracts/codes';
import { PAYMENT_CHANNELS, type CheckoutResponse, type UserPaymentOptions } from '../../../../contracts/payments';
import { PLAN_ACTIONS, PLAN_INTERVALS, SUBSCRIPTION_STATUSES } from '../../../../contracts/plans';
import { USAGE_STATUSES } from '../../../../contracts/billing';
import type { RedeemResult } from '../../services/redemptions';
import { dateTime, decimal } from '../common';
import { component } from '../zod-openapi';
import type { Agrees } from './agrees';

// The `data` of the account routes' answers (/accounts/:userId…, /me…).

/** A 64-bit count (calls, tokens summed over many calls) as the database sums it: a string of digits. */
const bigCount = z.string().regex(/^\d+$/);

export const subscriptionSchema = component(
  'SubscriptionSummary',
  z.object({
    id: z.number().int(),
    planId: z.number().int(),
    planName: z.string(),
    interval: z.enum(PLAN_INTERVALS),
    status: z.enum(SUBSCRIPTION_STATUSES),
    startedAt: z.string(),
    periodStart: z.string(),
    periodEnd: z.string().nullable(),
    endsAt: z.string().nullable(),
    credit: decimal,
    used: decimal,
    remaining: decimal,
    cancelledAt: z.string().nullable(),
    nextPlanId: z.number().int().nullable(),
    nextPlanName: z.string().nullable(),
    source: z.string().nullable(),
    endedAt: z.string().nullable(),
  }),
  "A subscription with this period's amounts (periodEnd and endsAt null for a lifetime plan).",
);

export const userPlanSchema = component(
  'UserPlan',
  z.object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    interval: z.enum(PLAN_INTERVALS),
    price: decimal,
    discount: decimal,
    finalPrice: decimal,
    currency: z.string(),
    periodCredit: decimal,
    notes: z.array(z.string()),
    action: z.enum(PLAN_ACTIONS),
  }),
);

export const paymentOptionsSchema = component(
  'UserPaymentOptions',
  z.object({
    channels: z.array(z.object({ channel: z.enum(PAYMENT_CHANNELS), payTypes: z.array(z.string()) })),
    topup: z.object({ minimum: decimal, presets: z.array(decimal), currency: z.string() }).optional(),
  }),
);

const usageTotals = z.object({ calls: bigCount, tokens: bigCount, cost: decimal, charged: decimal });
const viewBase = { userId: z.string(), currency: z.string(), usage: usageTotals };
const paidActions = z.array(z.enum(['topup', 'subscribe', 'redeem']));

export const userViewSchema = component(
  'UserView',
  z.discriminatedUnion('mode', [
    z.object({ ...viewBase, mode: z.literal('self'), actions: z.array(z.string()).max(0).describe('Always empty in self mode.') }),
    z.object({
      ...viewBase,
      mode: z.literal('usage'),
      actions: paidActions,
      payments: paymentOptionsSchema.nullable(),
      balance: decimal,
      held: decimal,
      available: decimal,
      holds: z.array(z.object({ holdId: z.string(), amount: decimal, expiresAt: dateTime })),
    }),
    z.object({
      ...viewBase,
      mode: z.literal('period'),
      actions: paidActions,
      payments: paymentOptionsSchema.nullable(),
      subscription: subscriptionSchema.nullable(),
      plans: z.array(userPlanSchema),
    }),
  ]),
  'The user-side view for the current billing mode.',
);

export const userUsageSchema = component(
  'UserUsage',
  z.object({
    granularity: z.enum(['day', 'month']),
    points: z.array(z.object({ key: z.string(), calls: bigCount, tokens: bigCount, cost: decimal, charged: decimal })),
    logs: z.array(
      z.object({
        occurredAt: dateTime,
        requestId: z.string(),
        model: z.string(),
        inputTokens: bigCount,
        outputTokens: bigCount,
        cacheReadTokens: bigCount,
        cacheWriteTokens: bigCount,
        cost: decimal,
        charged: decimal,
        latencyMs: z.number().int().nullable(),
        routeSource: z.string().nullable(),
        status: z.enum(USAGE_STATUSES),
      }),
    ),
    meta: z.object({
      pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
      cursor: z.object({ next: z.string().nullable() }),
    }),
  }),
  "Trend points (UTC days or months) and a page of the user's recent calls, newest first.",
);

export const redeemResultSchema = component(
  'RedeemResult',
  z.object({
    code: z.string(),
    mode: z.enum(CODE_MODES),
    amount: decimal.optional().describe('Usage codes: the amount credited.'),
    balance: decimal.optional().describe('Usage codes: the balance after it.'),
    subscription: subscriptionSchema.optional().describe('Period codes: the subscription granted or extended.'),
  }),
);

export const checkoutResponseSchema = component(
  'CheckoutResponse',
  z.object({
    orderNo: z.string(),
    channel: z.enum(PAYMENT_CHANNELS),
    amount: decimal.describe('In the billing currency.'),
    currency: z.string(),
    payAmount: decimal.describe('What the provider charges (yuan for EPay).'),
    payCurrency: z.string(),
    url: z.string().url().describe('Where the user pays.'),
  }),
  'A pending order; money is only credited by the provider\'s webhook.',
);

const subscriptionAgrees: Agrees<z.infer<typeof subscriptionSchema>, SubscriptionSummary> = true;
const planAgrees: Agrees<z.infer<typeof userPlanSchema>, UserPlan> = true;
const paymentsAgree: Agrees<z.infer<typeof paymentOptionsSchema>, UserPaymentOptions> = true;
const redeemAgrees: Agrees<z.infer<typeof redeemResultSchema>, RedeemResult> = true;
const checkoutAgrees: Agrees<z.infer<typeof checkoutResponseSchema>, CheckoutResponse> = true;
export const ACCOUNT_TYPES_AGREE = [subscriptionAgrees, planAgrees, paymentsAgree, redeemAgrees, checkoutAgrees];
