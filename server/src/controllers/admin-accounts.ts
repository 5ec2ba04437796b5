import { getService } from '../utils/get-service';
import { parseAccountList, parseAdjust, parsePage } from '../validation/admin';
import { userIdParam } from '../validation/gateway';

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
    const admin = ctx.state.user;
    const actor = `admin:${admin.id}${admin.email ? ` (${admin.email})` : ''}`;
    ctx.status = 201;
    ctx.body = { data: await getService('ledger').adjust({ userId, amount, reason, actor, reference }) };
  },
  async reconcile(ctx: any) {
    ctx.body = { data: await getService('ledger').reconcile() };
  },
};
