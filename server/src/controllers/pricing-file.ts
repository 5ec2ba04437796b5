import { adminActor } from '../utils/admin-actor';
import { getService } from '../utils/get-service';
import { parseImportQuery } from '../validation/admin';
import { parsePricingFile } from '../validation/pricing';

export default {
  /** The pricing file as JSON, or its model prices as CSV (`?format=csv`). */
  async export(ctx: any) {
    const file = await getService('pricingFile').exportFile();
    if (ctx.query.format === 'csv') {
      ctx.set('Content-Disposition', 'attachment; filename="model-prices.csv"');
      ctx.type = 'text/csv';
      ctx.body = getService('pricingFile').toCsv(file);
      return;
    }
    ctx.set('Content-Disposition', 'attachment; filename="pricing.json"');
    ctx.body = file;
  },

  async import(ctx: any) {
    const { dryRun, allowUnknown } = parseImportQuery(ctx.query);
    const result = await getService('pricingFile').importFile(parsePricingFile(ctx.request.body), { dryRun, allowUnknown, actor: adminActor(ctx) });
    if (result.applied) {
      const counts = (section: { new: unknown[]; changed: unknown[] }) => ({ new: section.new.length, changed: section.changed.length });
      await getService('audit').record({
        actor: adminActor(ctx),
        action: 'pricing.import',
        subject: 'pricing file',
        after: { models: counts(result.models), tools: counts(result.tools), multipliers: counts(result.multipliers), addedToCatalog: result.unknown.length },
      });
    }
    ctx.body = { data: result };
  },
};
