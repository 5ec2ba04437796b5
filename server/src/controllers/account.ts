import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { parseUserUsageQuery } from '../validation/admin';
import { userIdParam } from '../validation/gateway';
import { parseRedeem } from '../validation/codes';
import { parseCheckout } from '../validation/payments';

/**
 * User-side views. `/accounts/:userId…` is for the platform's back end (API token) and for a logged-in
 * user on their own account (policy own-account); `/me…` for a logged-in users-permissions user, whose
 * account is the one linked to them (accounts.userIdOf()).
 */
const meUserId = async (ctx: any): Promise<string> => {
  if (!ctx.state.user?.id) throw new errors.UnauthorizedError('These routes need a logged-in user (users & permissions JWT)');
  return getService('accounts').userIdOf(ctx.state.user.id);
};

export default {
  async show(ctx: any) {
    ctx.body = { data: await getService('accounts').userView(userIdParam(ctx.params.userId)) };
  },
  async usage(ctx: any) {
    ctx.body = { data: await getService('usageLogs').userUsage(userIdParam(ctx.params.userId), parseUserUsageQuery(ctx.query)) };
  },
  async me(ctx: any) {
    ctx.body = { data: await getService('accounts').userView(await meUserId(ctx)) };
  },
  /** The platform's back end redeems for one of its users; failures are counted per user. */
  async redeem(ctx: any) {
    const userId = userIdParam(ctx.params.userId);
    const { code } = parseRedeem(ctx.request.body);
    ctx.body = { data: await getService('redemptions').redeem(userId, code, { throttleKeys: [`user:${userId}`] }) };
  },
  /** A logged-in user redeems; failures are counted per user and per client address. */
  async meRedeem(ctx: any) {
    const userId = await meUserId(ctx);
    const { code } = parseRedeem(ctx.request.body);
    ctx.body = { data: await getService('redemptions').redeem(userId, code, { throttleKeys: [`user:${userId}`, `ip:${ctx.request.ip}`] }) };
  },
  /** The platform's back end starts a payment for one of its users (their address unknown). */
  async checkout(ctx: any) {
    const userId = userIdParam(ctx.params.userId);
    const request = parseCheckout(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('payments').checkout(userId, request) };
  },
  /** A logged-in user starts a payment for their own account. */
  async meCheckout(ctx: any) {
    const userId = await meUserId(ctx);
    const request = parseCheckout(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('payments').checkout(userId, request, { clientIp: ctx.request.ip }) };
  },
  async meUsage(ctx: any) {
    ctx.body = { data: await getService('usageLogs').userUsage(await meUserId(ctx), parseUserUsageQuery(ctx.query)) };
  },
};
