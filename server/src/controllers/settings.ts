import { getService } from '../utils/get-service';
import { parseModeQuery } from '../validation/admin';
import { parseSettingsPatch } from '../validation/settings';

export default {
  /** Secrets come back masked; `meta.secrets` tells which are set, unreadable (enter again) or under an old key. */
  async find(ctx: any) {
    ctx.body = { data: await getService('settings').getMasked(), meta: { secrets: await getService('settings').secretStatus() } };
  },
  async update(ctx: any) {
    const data = await getService('settings').update(parseSettingsPatch(ctx.request.body));
    ctx.body = { data, meta: { secrets: await getService('settings').secretStatus() } };
  },
  async modeImpact(ctx: any) {
    ctx.body = { data: await getService('accounts').modeImpact(parseModeQuery(ctx.query).mode) };
  },
};
