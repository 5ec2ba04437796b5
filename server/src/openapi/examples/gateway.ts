import type { Example } from '../operation';
import { validationAnswer } from './answers';
import { EXAMPLE_STATE as S } from './state';

// Examples of the gateway routes (docs/api.md), true in the state of ./state.ts.

const validation = validationAnswer;

export const authorize: Record<string, Example> = {
  allowed: {
    summary: 'Usage mode: a hold of the prepaid amount is opened',
    body: { userId: 'u-1', model: 'claude-sonnet-4-5', requestId: 'req-authorize-1', routeSource: 'chat' },
    status: 200,
    response: { data: { allowed: true, mode: 'usage', holdId: 'hold_5d1e8f2a3b4c5d6e7f8a9b0c', held: '0.05', available: '9.8' } },
  },
  insufficientFunds: {
    summary: 'Usage mode: the available amount does not cover the prepaid amount',
    body: { userId: S.broke, model: 'claude-sonnet-4-5' },
    status: 402,
    response: {
      data: null,
      error: { status: 402, name: 'InsufficientFundsError', message: 'Insufficient funds for this call', details: { required: '0.05', available: '0' } },
    },
  },
  modelNotAllowed: {
    summary: 'A model without a price (allowUnpricedModels off)',
    body: { userId: 'u-1', model: 'mystery-model-9000' },
    status: 403,
    response: {
      data: null,
      error: { status: 403, name: 'ModelNotAllowedError', message: 'Model "mystery-model-9000" is unpriced', details: { model: 'mystery-model-9000', reason: 'unpriced' } },
    },
  },
  invalid: {
    summary: 'userId missing',
    body: { model: 'claude-sonnet-4-5' },
    status: 400,
    response: validation('Invalid authorize request: userId is required', 'userId', 'is required'),
  },
};

const report = {
  requestId: 'req-1',
  userId: 'u-1',
  model: 'claude-sonnet-4-5',
  holdId: S.holds.usage,
  usage: { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 1000, durationSeconds: 0, calls: 1 },
  tools: [{ tool: 'web_search', calls: 3 }],
  serviceTier: 'priority',
  routeSource: 'chat',
  latencyMs: 1840,
  status: 'success',
};

// Token lines at the priority tier's factor 2 (the model cost is 0.01485 × 2); tools are not multiplied.
const lines = [
  { item: 'input', quantity: '1000', unitPrice: '3', unit: '1M tokens', amount: '0.006' },
  { item: 'output', quantity: '500', unitPrice: '15', unit: '1M tokens', amount: '0.015' },
  { item: 'cache_read', quantity: '2000', unitPrice: '0.3', unit: '1M tokens', amount: '0.0012' },
  { item: 'cache_write', quantity: '1000', unitPrice: '3.75', unit: '1M tokens', amount: '0.0075' },
  { item: 'tool:web_search', quantity: '3', unitPrice: '0.01', unit: 'call', amount: '0.03' },
];

const usageResult = {
  requestId: 'req-1',
  userId: 'u-1',
  mode: 'usage',
  model: 'claude-sonnet-4-5',
  currency: 'USD',
  cost: '0.0597',
  charged: '0.0597',
  lines,
  balance: '9.9403',
  status: 'success',
  flags: [],
  logId: 'k2v9x7c1m3n5b8z4q6w0e2r4',
};

export const usage: Record<string, Example> = {
  recorded: { summary: 'A call reported: charged, its hold settled', body: report, status: 201, response: { data: usageResult } },
  replayed: { summary: 'The identical report again: the stored answer, nothing charged', body: report, status: 200, response: { data: usageResult } },
  conflict: {
    summary: 'The same requestId with another body',
    body: { ...report, usage: { ...report.usage, outputTokens: 501 } },
    status: 409,
    response: {
      data: null,
      error: { status: 409, name: 'IdempotencyConflictError', message: 'A different request was already recorded with requestId "req-1"', details: { requestId: 'req-1' } },
    },
  },
  invalid: {
    summary: 'A token count sent as a string',
    body: { requestId: 'req-2', userId: 'u-1', model: 'claude-sonnet-4-5', usage: { inputTokens: '1000' } },
    status: 400,
    response: validation(
      'Invalid usage report: usage.inputTokens must be a non-negative integer (a JSON number, not a string)',
      'usage.inputTokens',
      'must be a non-negative integer (a JSON number, not a string)',
    ),
  },
};

export const usageBatch: Record<string, Example> = {
  mixed: {
    summary: 'Two reports: one recorded, one invalid (which does not sink the other)',
    body: {
      reports: [
        { requestId: 'req-batch-1', userId: 'u-1', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } },
        { requestId: 'req-batch-2', userId: 'u-1', model: 'claude-sonnet-4-5', usage: { inputTokens: -1 } },
      ],
    },
    status: 200,
    response: {
      data: [
        {
          requestId: 'req-batch-1',
          status: 201,
          data: {
            requestId: 'req-batch-1',
            userId: 'u-1',
            mode: 'usage',
            model: 'claude-sonnet-4-5',
            currency: 'USD',
            cost: '0.003',
            charged: '0.003',
            lines: [{ item: 'input', quantity: '1000', unitPrice: '3', unit: '1M tokens', amount: '0.003' }],
            balance: '9.9373',
            status: 'success',
            flags: [],
            logId: 'p8d3f6h1j4k7l0z2x5c8v1b4',
          },
        },
        {
          requestId: 'req-batch-2',
          status: 400,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'Invalid usage report: usage.inputTokens must not be negative',
            details: { errors: [{ path: ['usage', 'inputTokens'], message: 'must not be negative', name: 'ValidationError', field: 'usage.inputTokens' }] },
          },
        },
      ],
    },
  },
  empty: {
    summary: 'An empty batch',
    body: { reports: [] },
    status: 400,
    response: validation('Invalid usage batch: reports Array must contain at least 1 element(s)', 'reports', 'Array must contain at least 1 element(s)'),
  },
};

export const quote: Record<string, Example> = {
  bill: {
    summary: 'The bill of the usage example, at priority tier',
    body: { model: 'claude-sonnet-4-5', usage: report.usage, tools: report.tools, serviceTier: 'priority' },
    status: 200,
    response: {
      data: { model: 'claude-sonnet-4-5', mode: 'token', currency: 'USD', lines, modelCost: '0.0297', multiplier: '2', toolCost: '0.03', total: '0.0597', flags: [] },
    },
  },
  unknownServiceTier: {
    summary: 'A service tier that is not a configured multiplier',
    body: { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, serviceTier: 'turbo' },
    status: 400,
    response: validation('Unknown service tier "turbo"', 'serviceTier', 'is not a configured service multiplier ("turbo")'),
  },
};

const unknownHold: Example = {
  summary: 'No such hold',
  params: { holdId: S.unknownHold },
  status: 404,
  response: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Hold not found', details: { holdId: S.unknownHold } } },
};

export const releaseHold: Record<string, Example> = {
  released: { summary: 'An open hold released', params: { holdId: S.holds.release }, status: 200, response: { data: { holdId: S.holds.release, status: 'released' } } },
  unknown: unknownHold,
};

export const registerModels: Record<string, Example> = {
  registered: {
    summary: 'Names, or objects with a display name and provider',
    body: { models: ['gpt-4o', { name: 'sora-2', displayName: 'Sora 2', provider: 'openai' }] },
    status: 201,
    response: { data: { registered: ['gpt-4o', 'sora-2'] } },
  },
  invalid: {
    summary: 'An empty list',
    body: { models: [] },
    status: 400,
    response: validation('Invalid model list: models Array must contain at least 1 element(s)', 'models', 'Array must contain at least 1 element(s)'),
  },
};

export const extendHold: Record<string, Example> = {
  extended: {
    summary: 'Half a dollar more on an open hold',
    params: { holdId: S.holds.extend },
    body: { amount: '0.5' },
    status: 200,
    response: { data: { holdId: S.holds.extend, status: 'open', held: '0.55', added: '0.5', expiresAt: '2026-01-05T10:15:04.000Z', available: '9.3373' } },
  },
  insufficientFunds: {
    summary: 'More than is available: refused, the hold keeps what it had',
    params: { holdId: S.holds.extend },
    body: { amount: '1000' },
    status: 402,
    response: {
      data: null,
      error: { status: 402, name: 'InsufficientFundsError', message: 'Insufficient funds for this call', details: { required: '1000', available: '9.3373' } },
    },
  },
  notOpen: {
    summary: 'A hold already settled by its usage report',
    params: { holdId: S.holds.usage },
    status: 409,
    response: {
      data: null,
      error: {
        status: 409,
        name: 'HoldNotOpenError',
        message: `Hold "${S.holds.usage}" is settled: it reserves nothing and cannot be extended`,
        details: { holdId: S.holds.usage, status: 'settled' },
      },
    },
  },
  unknown: unknownHold,
};
