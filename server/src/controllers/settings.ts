import { getService } from '../utils/get-service';
import { parseModeQuery } from '../validation/admin';
import { parseSettingsPatch } from '../validation/settings';

export default {
  async find(ctx: any) {
    ctx.body = { data: await getService('settings').getMasked() };
  },
  async update(ctx: any) {
    ctx.body = { data: await getService('settings').update(parseSettingsPatch(ctx.request.body)) };
  },
  async modeImpact(ctx: any) {
    ctx.body = { data: await getService('accounts').modeImpact(parseModeQuery(ctx.query).mode) };
  },
};
