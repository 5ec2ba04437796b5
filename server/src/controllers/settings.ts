import { getService } from '../utils/get-service';
import { parseModeQuery } from '../validation/admin';

export default {
  async find(ctx: any) {
    ctx.body = { data: await getService('settings').getMasked() };
  },
  async update(ctx: any) {
    ctx.body = { data: await getService('settings').update(ctx.request.body) };
  },
  async modeImpact(ctx: any) {
    ctx.body = { data: await getService('accounts').modeImpact(parseModeQuery(ctx.query).mode) };
  },
};
