import { getService } from '../utils/get-service';
import { parseIdParam, parsePlanCreate, parsePlanUpdate } from '../validation/plans';

const billingCurrency = async () => (await getService('settings').get()).currency;

export default {
  async list(ctx: any) {
    ctx.body = { data: await getService('plans').list() };
  },
  async create(ctx: any) {
    const input = parsePlanCreate(ctx.request.body, await billingCurrency());
    ctx.status = 201;
    ctx.body = { data: await getService('plans').create(input) };
  },
  /** Answers `{ data: plan, meta: { activeSubscriptions } }`: whom the edit reaches at their next period. */
  async update(ctx: any) {
    const id = parseIdParam(ctx.params.id);
    ctx.body = await getService('plans').update(id, parsePlanUpdate(ctx.request.body, await billingCurrency()));
  },
  async delete(ctx: any) {
    ctx.body = { data: await getService('plans').delete(parseIdParam(ctx.params.id)) };
  },
};
