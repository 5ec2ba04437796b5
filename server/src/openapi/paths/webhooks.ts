import { z } from 'zod';
import { error } from '../answers';
import type { Operation } from '../operation';
import { component } from '../zod-openapi';

// Provider callbacks: no token; each is authenticated by its provider's signature over the exact bytes
// received. Their bodies are the providers' own formats, described here only as far as the plugin reads them.

const stripeEvent = component(
  'StripeEvent',
  z.object({ id: z.string(), type: z.string(), data: z.object({ object: z.record(z.unknown()) }) }).passthrough(),
  "A Stripe event (Stripe's format), signed in the Stripe-Signature header.",
);

const epayNotice = component(
  'EpayNotice',
  z
    .object({
      pid: z.string(),
      trade_no: z.string(),
      out_trade_no: z.string(),
      type: z.string(),
      name: z.string(),
      money: z.string(),
      trade_status: z.string(),
      sign: z.string(),
      sign_type: z.literal('MD5'),
    })
    .partial()
    .passthrough(),
  "An EPay payment notice (EPay's format): MD5-signed with the merchant key; only trade_status=TRADE_SUCCESS pays.",
);

const rejected = error(400, 'Refused: missing or forged signature, stale timestamp, re-serialized body.', ['WebhookRejectedError']);
const epayReply = (description: string, value: 'success' | 'fail') => ({ description, schema: z.literal(value), contentType: 'text/plain' });

const epayExamples = {
  unsigned: {
    summary: 'A notice without a valid signature: refused, so EPay retries',
    query: { out_trade_no: 'UB20260105100003K7QMW2XD9FHTPB4NR8TV', money: '72.00', trade_status: 'TRADE_SUCCESS' },
    status: 400,
    response: 'fail',
  },
};

const epayOperation = (method: 'get' | 'post'): Operation => ({
  method,
  path: '/webhooks/epay',
  handler: 'webhooks.epay',
  tag: 'Webhooks',
  caller: 'public',
  summary: `EPay payment notice (${method.toUpperCase()}${method === 'get' ? ', query string' : ', query string or form body'})`,
  description:
    'pid must be the merchant id and money the order\'s yuan to the fen. Each notice settles its order once; duplicates are acknowledged.',
  query: epayNotice,
  responses: {
    200: epayReply('The order is (or already was) settled, or the notice needs nothing.', 'success'),
    400: epayReply('Refused (bad signature, wrong merchant or amount, unknown order): EPay retries.', 'fail'),
  },
  examples: epayExamples,
});

export const webhookOperations: Operation[] = [
  {
    method: 'post',
    path: '/webhooks/stripe',
    handler: 'webhooks.stripe',
    tag: 'Webhooks',
    caller: 'public',
    summary: 'Stripe webhook',
    description:
      'Verified with the webhook secret (5-minute tolerance) over the raw body (at most 1 MB). Each event settles its order once, in one transaction; duplicates and late events are acknowledged and change nothing.',
    headers: z.object({ 'stripe-signature': z.string().describe('t=<timestamp>,v1=<HMAC-SHA256 of "<t>.<raw body>">') }),
    body: { schema: stripeEvent },
    responses: {
      200: { description: 'Acknowledged.', schema: component('StripeWebhookReply', z.object({ received: z.literal(true), outcome: z.enum(['applied', 'duplicate', 'ignored']) })) },
      400: rejected,
      404: error(404, 'The event names an order this app does not know.', ['WebhookRejectedError']),
      413: error(413, 'The body is larger than 1 MB.', ['PayloadTooLargeError'], z.record(z.unknown()).optional()),
    },
    examples: {
      unsigned: {
        summary: 'An event without a Stripe-Signature header',
        body: { id: 'evt_1QExample', type: 'checkout.session.completed', data: { object: { id: 'cs_test_a1b2c3', client_reference_id: 'UB20260105100003K7QMW2XD9FHTPB4NR8TV' } } },
        status: 400,
        response: { data: null, error: { status: 400, name: 'WebhookRejectedError', message: 'Missing Stripe-Signature header', details: {} } },
      },
    },
  },
  epayOperation('get'),
  epayOperation('post'),
];
