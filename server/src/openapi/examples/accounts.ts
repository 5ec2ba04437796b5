import type { Example } from '../operation';
import { validationAnswer } from './answers';
import { EXAMPLE_STATE as S } from './state';

// Examples of the account routes (docs/api.md), true in the state of ./state.ts after the gateway examples.

const today = '2026-01-05';

const usageView = (userId: string, balance: string, held: string, available: string, holds: Array<{ holdId: string; amount: string; expiresAt: string }>) => ({
  userId,
  mode: 'usage',
  currency: 'USD',
  usage: { calls: '2', tokens: '5500', cost: '0.0627', charged: '0.0627' },
  actions: ['topup', 'redeem'],
  payments: { channels: [{ channel: 'epay', payTypes: S.epay.payTypes }], topup: { minimum: '1', presets: ['5', '10', '20', '50'], currency: 'USD' } },
  balance,
  held,
  available,
  holds,
});

const validation = validationAnswer;

export const show: Record<string, Example> = {
  usageMode: {
    summary: "Usage mode: balance, open holds, usage totals, what the user can do",
    params: { userId: 'u-1' },
    status: 200,
    response: {
      data: usageView('u-1', '9.9373', '0.6', '9.3373', [
        { holdId: S.holds.extend, amount: '0.55', expiresAt: '2026-01-05T10:15:04.000Z' },
        { holdId: 'hold_5d1e8f2a3b4c5d6e7f8a9b0c', amount: '0.05', expiresAt: '2026-01-05T10:15:00.000Z' },
      ]),
    },
  },
};

const usagePage = {
  granularity: 'day',
  points: [{ key: today, calls: '2', tokens: '5500', cost: '0.0627', charged: '0.0627' }],
  logs: [
    {
      occurredAt: '2026-01-05T10:00:02.000Z',
      requestId: 'req-batch-1',
      model: 'claude-sonnet-4-5',
      inputTokens: '1000',
      outputTokens: '0',
      cacheReadTokens: '0',
      cacheWriteTokens: '0',
      cost: '0.003',
      charged: '0.003',
      latencyMs: null,
      routeSource: null,
      status: 'success',
    },
    {
      occurredAt: '2026-01-05T10:00:01.000Z',
      requestId: 'req-1',
      model: 'claude-sonnet-4-5',
      inputTokens: '1000',
      outputTokens: '500',
      cacheReadTokens: '2000',
      cacheWriteTokens: '1000',
      cost: '0.0597',
      charged: '0.0597',
      latencyMs: 1840,
      routeSource: 'chat',
      status: 'success',
    },
  ],
  meta: { pagination: { page: 1, pageSize: 25, pageCount: 1, total: 2 }, cursor: { next: null } },
};

export const usage: Record<string, Example> = {
  trend: { summary: "Daily points and the latest calls", params: { userId: 'u-1' }, query: { granularity: 'day' }, status: 200, response: { data: usagePage } },
  invalid: {
    summary: 'An unknown granularity',
    params: { userId: 'u-1' },
    query: { granularity: 'week' },
    status: 400,
    response: validation("Invalid usage query: granularity Invalid enum value. Expected 'day' | 'month', received 'week'", 'granularity', "Invalid enum value. Expected 'day' | 'month', received 'week'"),
  },
};

export const redeem: Record<string, Example> = {
  redeemed: {
    summary: 'A usage code: its amount credited',
    params: { userId: S.redeemer },
    body: { code: 'welcome 5' },
    status: 200,
    response: { data: { code: S.code.code, mode: 'usage', amount: '5', balance: '5' } },
  },
  exhausted: {
    summary: 'Every use of the code spent',
    params: { userId: 'u-1' },
    body: { code: S.code.code },
    status: 409,
    response: { data: null, error: { status: 409, name: 'CodeExhaustedError', message: 'This code has been used as many times as it allows', details: {} } },
  },
  unknown: {
    summary: 'No redeemable code matches (unknown, deleted or disabled)',
    params: { userId: 'u-1' },
    body: { code: 'NOPE-NOPE-NOPE' },
    status: 404,
    response: { data: null, error: { status: 404, name: 'CodeNotFoundError', message: 'No redeemable code matches', details: {} } },
  },
  invalid: { summary: 'code missing', params: { userId: 'u-1' }, body: {}, status: 400, response: validation('Invalid redemption: code is required', 'code', 'is required') },
};

export const checkout: Record<string, Example> = {
  epayTopup: {
    summary: 'A top-up paid through EPay: yuan at the configured rate',
    params: { userId: 'u-1' },
    body: { channel: 'epay', kind: 'topup', amount: '10.00', payType: 'alipay' },
    status: 201,
    response: {
      data: {
        orderNo: 'UB20260105100003K7QMW2XD9FHTPB4NR8TV',
        channel: 'epay',
        amount: '10.00',
        currency: 'USD',
        payAmount: '72.00',
        payCurrency: 'CNY',
        url: `${S.epay.gatewayUrl}/submit.php?money=72.00&name=Top-up&notify_url=https%3A%2F%2Fbilling.example.com%2Fapi%2Fusage-billing%2Fwebhooks%2Fepay&out_trade_no=UB20260105100003K7QMW2XD9FHTPB4NR8TV&pid=1001&return_url=https%3A%2F%2Fbilling.example.com%2F%3ForderNo%3DUB20260105100003K7QMW2XD9FHTPB4NR8TV&type=alipay&sign=5f0e…&sign_type=MD5`,
      },
    },
  },
  planInUsageMode: {
    summary: 'A plan purchase outside period mode',
    params: { userId: 'u-1' },
    body: { channel: 'epay', kind: 'plan', planId: 1 },
    status: 409,
    response: {
      data: null,
      error: { status: 409, name: 'CheckoutNotAvailableError', message: 'Plans are sold in period billing mode only', details: { reason: 'mode', mode: 'usage' } },
    },
  },
  invalid: {
    summary: 'A top-up without an amount',
    params: { userId: 'u-1' },
    body: { channel: 'epay', kind: 'topup' },
    status: 400,
    response: validation('Invalid checkout: amount is required for a top-up', 'amount', 'is required for a top-up'),
  },
};

/** /me…: the same answers, for the logged-in user (userId = the users-permissions user's id). */
export const me: Record<string, Example> = {
  view: {
    summary: "A new user's view",
    status: 200,
    response: { data: { ...usageView('7', '0', '0', '0', []), usage: { calls: '0', tokens: '0', cost: '0', charged: '0' } } },
  },
};

export const meUsage: Record<string, Example> = {
  empty: {
    summary: 'No calls yet',
    query: { granularity: 'month' },
    status: 200,
    response: { data: { granularity: 'month', points: [], logs: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 }, cursor: { next: null } } } },
  },
};

export const meRedeem: Record<string, Example> = {
  unknown: { ...redeem.unknown, params: undefined },
};

export const meCheckout: Record<string, Example> = {
  invalid: { ...checkout.invalid, params: undefined },
};
