import { adminActor } from '../utils/admin-actor';
import { getService } from '../utils/get-service';
import { parseIdParam, parsePlanCreate, parsePlanUpdate } from '../validation/plans';

const billingCurrency = async () => (await getService('settings').get()).currency;

export default {
  async list(ctx: any) {
    ctx.body = { data: await getService('plans').list() };
  },
  async create(ctx: any) {
    const input = parsePlanCreate(ctx.request.body, await billingCurrency());
    const plan = await getService('plans').create(input);
    await getService('audit').record({ actor: adminActor(ctx), action: 'plans.create', subject: plan.name, after: plan });
    ctx.status = 201;
    ctx.body = { data: plan };
  },
  /** Answers `{ data: plan, meta: { activeSubscriptions } }`: whom the edit reaches at their next period. */
  async update(ctx: any) {
    const id = parseIdParam(ctx.params.id);
    const result = await getService('plans').update(id, parsePlanUpdate(ctx.request.body, await billingCurrency()));
    await getService('audit').record({ actor: adminActor(ctx), action: 'plans.update', subject: result.data.name, after: result.data });
    ctx.body = result;
  },
  async delete(ctx: any) {
    const plan = await getService('plans').delete(parseIdParam(ctx.params.id));
    await getService('audit').record({ actor: adminActor(ctx), action: 'plans.delete', subject: plan.name, after: null });
    ctx.body = { data: plan };
  },
};
