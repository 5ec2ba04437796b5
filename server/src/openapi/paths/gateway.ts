import { z } from 'zod';
import { quoteSchema, usageReportSchema } from '../../rating/request';
import { MAX_BATCH_REPORTS, authorizeSchema, batchSchema, catalogPushSchema, extendHoldSchema } from '../../validation/gateway';
import { authAnswers, error, invalid, ok, tooLarge } from '../answers';
import type { Operation } from '../operation';
import {
  authorizeResultSchema,
  batchItemSchema,
  billSchema,
  holdExtensionSchema,
  holdReleaseSchema,
  registeredModelsSchema,
  usageResultSchema,
} from '../responses/gateway';
import { component, withOpenApi } from '../zod-openapi';
import * as ex from '../examples/gateway';

// Gateway routes: an API token only (policy api-token-only). The request schemas are the ones that
// validate the requests (validation/gateway.ts, rating/request.ts).

const usageReport = component('UsageReport', usageReportSchema, 'A usage report (POST /usage); counts are JSON integers, amounts never appear.');
const quoteRequest = component('QuoteRequest', quoteSchema, 'The body of /usage without requestId and userId (checked when present, then ignored).');
const usageBatch = batchSchema.extend({
  reports: withOpenApi(batchSchema.shape.reports, {
    items: { $ref: '#/components/schemas/UsageReport' },
    description: `1 to ${MAX_BATCH_REPORTS} usage reports. The envelope is checked first; each report is then validated on its own (a bad one is that item's 400).`,
  }),
});
const holdParams = z.object({ holdId: z.string().min(1) });

const paymentRequired = error(402, 'The funds rule refuses the call (details: required, available[, remainingCredit]).', [
  'InsufficientFundsError',
  'InsufficientCreditError',
  'NoActiveSubscriptionError',
]);

export const gatewayOperations: Operation[] = [
  {
    method: 'post',
    path: '/authorize',
    handler: 'gateway.authorize',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: 'Authorize a model call (opens a hold in usage and period mode)',
    description:
      'Asked before a model call. Usage mode: allowed while balance − open holds covers the prepaid amount; a hold of that amount is opened. Period mode: the same against the current subscription credit. Self mode and free models: always allowed, no hold. The same requestId again returns the same hold.',
    body: { schema: component('AuthorizeRequest', authorizeSchema) },
    responses: {
      200: ok('Allowed.', authorizeResultSchema),
      400: invalid(),
      ...authAnswers('ModelNotAllowedError'),
      402: paymentRequired,
      409: error(409, 'requestId belongs to another user, or its hold was settled, released or expired: authorize with a new requestId.', ['IdempotencyConflictError', 'ConflictError']),
    },
    examples: ex.authorize,
  },
  {
    method: 'post',
    path: '/usage',
    handler: 'gateway.usage',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: 'Report the usage of a call (charges it, settles its hold)',
    description:
      'Idempotent on requestId: the identical report again answers 200 with the same data and charges nothing; the same requestId with another body is a 409. Nothing reported is dropped (unpriced models are logged with cost "0", bills above the balance are charged in full).',
    body: { schema: usageReport },
    responses: {
      201: ok('Recorded and charged.', usageResultSchema),
      200: ok('An identical report was already recorded: its stored answer, nothing charged.', usageResultSchema),
      400: invalid(),
      ...authAnswers(),
      409: error(409, 'The requestId was recorded with another body.', ['IdempotencyConflictError']),
      413: tooLarge,
    },
    examples: ex.usage,
  },
  {
    method: 'post',
    path: '/usage/batch',
    handler: 'gateway.usageBatch',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: `Report up to ${MAX_BATCH_REPORTS} calls at once`,
    description: 'Always 200 once the envelope is valid: each report gets, at its position, what POST /usage would have answered it.',
    body: { schema: usageBatch },
    responses: {
      200: ok('One item per report, in request order.', z.array(batchItemSchema)),
      400: invalid('The envelope is invalid (reports missing, empty, too long, or another member); nothing is written.'),
      ...authAnswers(),
      413: tooLarge,
    },
    examples: ex.usageBatch,
  },
  {
    method: 'post',
    path: '/quote',
    handler: 'gateway.quote',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: "Price a call with today's prices (writes nothing)",
    body: { schema: quoteRequest },
    responses: { 200: ok('The bill /usage would compute.', billSchema), 400: invalid('Invalid input, or an unknown serviceTier.'), ...authAnswers(), 413: tooLarge },
    examples: ex.quote,
  },
  {
    method: 'post',
    path: '/holds/:holdId/release',
    handler: 'gateway.releaseHold',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: 'Release a hold (the call failed before producing usage)',
    description: 'Idempotent: a hold already settled, released or expired answers its status.',
    params: holdParams,
    responses: { 200: ok('The hold and its status.', holdReleaseSchema), ...authAnswers(), 404: error(404, 'Unknown hold.', ['NotFoundError']) },
    examples: ex.releaseHold,
  },
  {
    method: 'post',
    path: '/holds/:holdId/extend',
    handler: 'gateway.extendHold',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: 'Reserve more on an open hold (a long call, a stream)',
    description:
      "The funds rule is authorize's (this hold included). A refusal changes nothing: end the call and report what it used. Each extension renews the hold's expiry. A retried extension reserves again (no money moves; the usage report settles the whole hold).",
    params: holdParams,
    body: {
      schema: component('HoldExtensionRequest', extendHoldSchema),
      optional: true,
      description: 'amount: a decimal string above 0 with at most 9 decimals; leave it out (or send no body) to add the prepaid amount.',
    },
    responses: {
      200: ok('The hold after the extension.', holdExtensionSchema),
      400: invalid('A bad amount.'),
      ...authAnswers(),
      402: paymentRequired,
      404: error(404, 'Unknown hold.', ['NotFoundError']),
      409: error(409, 'The hold is settled, released or expired: it reserves nothing (details: holdId, status).', ['HoldNotOpenError']),
    },
    examples: ex.extendHold,
  },
  {
    method: 'post',
    path: '/models',
    handler: 'gateway.registerModels',
    tag: 'Gateway',
    caller: 'apiToken',
    summary: 'Push the models a gateway serves into the catalog',
    body: { schema: component('ModelsPush', catalogPushSchema) },
    responses: { 201: ok('The names registered.', registeredModelsSchema), 400: invalid(), ...authAnswers(), 413: tooLarge },
    examples: ex.registerModels,
  },
];
