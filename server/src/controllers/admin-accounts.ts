import { getService } from '../utils/get-service';
import { parseAccountList, parseAdjust, parsePage } from '../validation/admin';
import { userIdParam } from '../validation/gateway';
import { parseSubscriptionGrant } from '../validation/plans';
import { adminActor } from '../utils/admin-actor';

export default {
  async list(ctx: any) {
    ctx.body = await getService('accounts').list(parseAccountList(ctx.query));
  },
  async detail(ctx: any) {
    ctx.body = { data: await getService('accounts').detail(userIdParam(ctx.params.userId)) };
  },
  async ledger(ctx: any) {
    ctx.body = await getService('ledger').entries(userIdParam(ctx.params.userId), parsePage(ctx.query));
  },
  async adjust(ctx: any) {
    const userId = userIdParam(ctx.params.userId);
    const { amount, reason, reference } = parseAdjust(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('ledger').adjust({ userId, amount, reason, actor: adminActor(ctx), reference }) };
  },
  async subscriptions(ctx: any) {
    ctx.body = { data: await getService('subscriptions').history(userIdParam(ctx.params.userId)) };
  },
  /** An administrator's grant: starts (or replaces) the user's subscription now. */
  async grantSubscription(ctx: any) {
    const userId = userIdParam(ctx.params.userId);
    const { planId } = parseSubscriptionGrant(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('subscriptions').start(userId, planId, { source: adminActor(ctx) }) };
  },
  async cancelSubscription(ctx: any) {
    ctx.body = { data: await getService('subscriptions').cancel(userIdParam(ctx.params.userId)) };
  },
  async reconcile(ctx: any) {
    ctx.body = { data: await getService('ledger').reconcile() };
  },
};
