import { pluginUid } from '../utils/plugin-uid';
import { cachedApiTokenStrategy } from '../auth/cached-api-token';

// Content-API routes: served under /api/usage-billing/…. Each needs a Strapi API token (or users &
// permissions JWT) whose permissions include the route's own action plugin::usage-billing.<handler>,
// so a custom token can be limited to exactly what a gateway needs.
// A fresh config object per route: Strapi writes each route's auth scope into its config.
// API tokens are verified by the plugin's cached strategy (auth/cached-api-token.ts: no database read per
// request), users-permissions JWTs by that plugin's own strategy, as Strapi would without the list.
const config = (policy?: 'api-token-only' | 'own-account') => ({
  auth: { strategies: [cachedApiTokenStrategy, 'users-permissions'] },
  middlewares: [pluginUid('billing-errors')],
  ...(policy ? { policies: [pluginUid(policy)] } : {}),
});
// Gateway routes take API tokens only; /accounts/:userId… a token, or a logged-in user for their own account.
const gateway = () => config('api-token-only');
const account = () => config('own-account');

export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/authorize', handler: 'gateway.authorize', config: gateway() },
    { method: 'POST', path: '/usage', handler: 'gateway.usage', config: gateway() },
    { method: 'POST', path: '/usage/batch', handler: 'gateway.usageBatch', config: gateway() },
    { method: 'POST', path: '/quote', handler: 'gateway.quote', config: gateway() },
    { method: 'POST', path: '/holds/:holdId/release', handler: 'gateway.releaseHold', config: gateway() },
    { method: 'POST', path: '/holds/:holdId/extend', handler: 'gateway.extendHold', config: gateway() },
    { method: 'POST', path: '/models', handler: 'gateway.registerModels', config: gateway() },
    { method: 'GET', path: '/accounts/:userId', handler: 'account.show', config: account() },
    { method: 'GET', path: '/accounts/:userId/usage', handler: 'account.usage', config: account() },
    { method: 'POST', path: '/accounts/:userId/redeem', handler: 'account.redeem', config: account() },
    { method: 'POST', path: '/accounts/:userId/checkout', handler: 'account.checkout', config: account() },
    { method: 'GET', path: '/me', handler: 'account.me', config: config() },
    { method: 'GET', path: '/me/usage', handler: 'account.meUsage', config: config() },
    { method: 'POST', path: '/me/redeem', handler: 'account.meRedeem', config: config() },
    { method: 'POST', path: '/me/checkout', handler: 'account.meCheckout', config: config() },
    // Provider callbacks: no token; each verifies its provider's signature over the raw body.
    { method: 'POST', path: '/webhooks/stripe', handler: 'webhooks.stripe', config: { ...config(), auth: false } },
    { method: 'GET', path: '/webhooks/epay', handler: 'webhooks.epay', config: { ...config(), auth: false } },
    { method: 'POST', path: '/webhooks/epay', handler: 'webhooks.epay', config: { ...config(), auth: false } },
    // The OpenAPI 3.1 document of these routes (server/src/openapi): public, it holds no secrets.
    { method: 'GET', path: '/openapi.json', handler: 'openapi.document', config: { auth: false } },
  ],
};
