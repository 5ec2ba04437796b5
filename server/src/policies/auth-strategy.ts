import { CACHED_API_TOKEN_STRATEGY } from '../auth/cached-api-token';

/**
 * Strapi 5 names the API-token strategy `content-api-token` (earlier versions: `api-token`); the plugin's own
 * routes verify API tokens with its cached strategy.
 */
const API_TOKEN_STRATEGIES = [CACHED_API_TOKEN_STRATEGY, 'content-api-token', 'api-token'];

/** True when the request was authenticated with a Strapi API token (not a users-permissions JWT). */
export const byApiToken = (policyContext: any): boolean => API_TOKEN_STRATEGIES.includes(policyContext.state?.auth?.strategy?.name);
