import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../contracts/plugin';

const PREFIX = `/api/${PLUGIN_ID}/`;
/** The routes that take no credentials (auth: false): provider callbacks, and the public OpenAPI document. */
const isPublic = (path: string) => path.startsWith(`${PREFIX}webhooks/`) || path === `${PREFIX}openapi.json`;

/**
 * Gateways expect "no credentials" to be a 401. With users-permissions installed, Strapi instead treats a
 * request without Authorization as the Public role and answers 403, which reads like "your token lacks
 * this action". Registered with strapi.server.use() in bootstrap(), after the app's own middlewares
 * (CORS, security headers, body parsing) and before the router, it formats its answer itself in Strapi's
 * error shape, only for this plugin's content-API routes. Preflight requests (OPTIONS) pass, and paths are
 * compared case-insensitively like the router matches them (`/API/USAGE-BILLING/me` is the same route).
 * Webhooks authenticate by signature and are exempt, as is the public OpenAPI document. A request that does carry credentials goes through
 * Strapi's auth unchanged: an invalid token is Strapi's 401, a token without the route's action Strapi's 403.
 */
export const requireCredentials = (_strapi: Core.Strapi) => async (ctx: any, next: () => Promise<unknown>) => {
  const path = String(ctx.path).toLowerCase();
  if (ctx.method !== 'OPTIONS' && path.startsWith(PREFIX) && !isPublic(path) && !ctx.get('authorization')) {
    ctx.status = 401;
    ctx.body = {
      data: null,
      error: { status: 401, name: 'UnauthorizedError', message: 'Missing credentials: send Authorization: Bearer <API token or user JWT>', details: {} },
    };
    return;
  }
  await next();
};
