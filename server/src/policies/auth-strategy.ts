/** Strapi 5 names the API-token strategy `content-api-token` (earlier versions: `api-token`). */
const API_TOKEN_STRATEGIES = ['content-api-token', 'api-token'];

/** True when the request was authenticated with a Strapi API token (not a users-permissions JWT). */
export const byApiToken = (policyContext: any): boolean => API_TOKEN_STRATEGIES.includes(policyContext.state?.auth?.strategy?.name);
