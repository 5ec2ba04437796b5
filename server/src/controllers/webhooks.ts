import type { PaymentChannel } from '../../../contracts/payments';
import { getService } from '../utils/get-service';
import { RAW_BODY } from '../middlewares/webhook-raw-body';
import type { WebhookRequest } from '../services/payments/types';

/** The callback as it arrived: raw bytes (captured before parsing), query strings, lowercase header names. */
const webhookRequest = (ctx: any): WebhookRequest => ({
  method: ctx.method,
  query: Object.fromEntries(Object.entries(ctx.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)])),
  rawBody: ctx.state[RAW_BODY] ?? Buffer.alloc(0),
  headers: Object.fromEntries(Object.entries(ctx.request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v as string | undefined)])),
});

const handle = (channel: PaymentChannel) => async (ctx: any) => {
  const reply = await getService('payments').handleWebhook(channel, webhookRequest(ctx));
  ctx.status = reply.status;
  if (typeof reply.body === 'string') ctx.type = 'text/plain';
  ctx.body = reply.body;
};

/** Provider callbacks: no token, authenticated by their signatures (services/payments/<channel>.ts). */
export default { stripe: handle('stripe'), epay: handle('epay') };
