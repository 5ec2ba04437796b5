import { getService } from '../utils/get-service';
import { byApiToken } from './auth-strategy';

/**
 * `/accounts/:userId…`: an API token (the platform's back end) may read or act on any account; a logged-in
 * users-permissions user only on their own (the account linked to them, see accounts.userIdOf()).
 */
export default async (policyContext: any) => {
  if (byApiToken(policyContext)) return true;
  const user = policyContext.state?.user;
  if (policyContext.state?.auth?.strategy?.name !== 'users-permissions' || !user?.id) return false;
  return (await getService('accounts').userIdOf(user.id)) === String(policyContext.params?.userId);
};
