import { byApiToken } from './auth-strategy';

/**
 * Gateway routes (authorize, usage, quote, holds, catalog push) act on any user's money: only an API token
 * may call them, never a logged-in end user, even if an app grants a gateway action to a users-permissions
 * role by mistake.
 */
export default (policyContext: any) => byApiToken(policyContext);
