import { SECRET_SETTINGS } from '../../../contracts/settings';
import { adminActor } from '../utils/admin-actor';
import { getService } from '../utils/get-service';

/** A settings patch as the audit trail keeps it: a secret shows only that it was set or cleared. */
const withSecretsHidden = (patch: unknown) => {
  const copy = JSON.parse(JSON.stringify(patch ?? {}));
  for (const path of SECRET_SETTINGS) {
    const parts = path.split('.');
    const field = parts.pop()!;
    const holder = parts.reduce((node: any, part) => node?.[part], copy);
    if (holder && typeof holder[field] === 'string') holder[field] = holder[field] === '' ? '(cleared)' : holder[field].includes('••••') ? '(kept)' : '(set)';
  }
  return copy;
};
import { parseModeQuery, parsePage } from '../validation/admin';
import { parseSettingsPatch } from '../validation/settings';

export default {
  /** Secrets come back masked; `meta.secrets` tells which are set, unreadable (enter again) or under an old key. */
  async find(ctx: any) {
    ctx.body = { data: await getService('settings').getMasked(), meta: { secrets: await getService('settings').secretStatus() } };
  },
  async update(ctx: any) {
    const patch = parseSettingsPatch(ctx.request.body);
    const data = await getService('settings').update(patch);
    await getService('audit').record({ actor: adminActor(ctx), action: 'settings.update', subject: 'settings', after: withSecretsHidden(patch) });
    ctx.body = { data, meta: { secrets: await getService('settings').secretStatus() } };
  },
  /** The audit trail of configuration edits, newest first. */
  async audit(ctx: any) {
    ctx.body = await getService('audit').list(parsePage(ctx.query));
  },
  async modeImpact(ctx: any) {
    ctx.body = { data: await getService('accounts').modeImpact(parseModeQuery(ctx.query).mode) };
  },
};
