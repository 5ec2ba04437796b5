import { getService } from '../utils/get-service';
import { adminActor } from '../utils/admin-actor';
import { parseOrderQuery, parseTestPayment } from '../validation/payments';

/** Admin: orders, the channels' state, test payments. */
export default {
  async orders(ctx: any) {
    ctx.body = await getService('orders').list(parseOrderQuery(ctx.query));
  },
  async status(ctx: any) {
    ctx.body = { data: await getService('payments').status() };
  },
  async test(ctx: any) {
    const { channel } = parseTestPayment(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('payments').testPayment(ctx.state.user, channel, adminActor(ctx)) };
  },
};
