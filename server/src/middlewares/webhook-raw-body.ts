import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { PAYMENT_CHANNELS } from '../../../contracts/payments';
import { PLUGIN_ID } from '../../../contracts/plugin';

/** Where the exact bytes of a webhook's body are kept for the controller (ctx.state). */
export const RAW_BODY = 'usageBillingRawBody';

/** A provider callback is small; anything larger is refused before it is read into memory. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Signatures (Stripe's) are over the exact bytes sent, which Strapi's body parser does not keep unless the
 * app turns on `includeUnparsed` for every route. Added with strapi.server.use() in register(), this runs
 * before the app's middlewares: for the plugin's webhook paths only, it reads the body, keeps the bytes on
 * ctx.state, and hands the body parser a replay of the same bytes, so parsing, policies and the router
 * work as usual. It sits outside Strapi's error handler, so it answers its own errors in Strapi's shape.
 */
export const captureWebhookBody = (strapi: Core.Strapi) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/${PLUGIN_ID}/webhooks/`.toLowerCase();
  const paths = new Set(PAYMENT_CHANNELS.map((channel) => `${prefix}${channel}`));
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.method !== 'POST' || !paths.has(String(ctx.path).toLowerCase().replace(/\/+$/, ''))) return next();
    const declared = Number(ctx.get('content-length') || 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_WEBHOOK_BYTES;
    if (!tooLarge) {
      for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_WEBHOOK_BYTES) {
          tooLarge = true;
          break;
        }
        chunks.push(chunk);
      }
    }
    if (tooLarge) {
      ctx.status = 413;
      ctx.body = { data: null, error: { status: 413, name: 'PayloadTooLargeError', message: `A webhook body may hold at most ${MAX_WEBHOOK_BYTES} bytes`, details: {} } };
      return;
    }
    const raw = Buffer.concat(chunks);
    ctx.state[RAW_BODY] = raw;
    const original = ctx.req;
    const replay = Object.assign(Readable.from([raw]), {
      headers: original.headers,
      rawHeaders: original.rawHeaders,
      method: original.method,
      url: original.url,
      httpVersion: original.httpVersion,
      socket: original.socket,
      connection: original.socket,
    });
    ctx.req = replay;
    ctx.request.req = replay;
    return next();
  };
};
