import { getService } from '../utils/get-service';
import { parseAuthorize, parseCatalogPush, parseExtendHold, parseQuote, parseUsageBatch, parseUsageReport } from '../validation/gateway';

// Gateway routes (content API, API token). Each handler validates, delegates to one service, shapes.
export default {
  async authorize(ctx: any) {
    const body = parseAuthorize(ctx.request.body);
    ctx.body = { data: await getService('metering').authorize(body) };
  },

  async usage(ctx: any) {
    const report = parseUsageReport(ctx.request.body);
    const { replayed, result } = await getService('metering').report(report);
    ctx.status = replayed ? 200 : 201;
    ctx.body = { data: result };
  },

  /**
   * Up to 1,000 reports at once. Always 200 once the envelope is valid: each report's own status (201, 200,
   * 409, 400…) and answer or error are in `data`, in request order.
   */
  async usageBatch(ctx: any) {
    const reports = parseUsageBatch(ctx.request.body);
    ctx.body = { data: await getService('metering').reportBatch(reports) };
  },

  async quote(ctx: any) {
    ctx.body = { data: await getService('metering').quote(parseQuote(ctx.request.body)) };
  },

  async releaseHold(ctx: any) {
    const hold = await getService('metering').releaseHold(String(ctx.params.holdId));
    if (!hold) return ctx.notFound('Hold not found', { holdId: ctx.params.holdId });
    ctx.body = { data: { holdId: hold.holdId, status: hold.status } };
  },

  /** A long call reserves more on its hold: 402 when the funds rule refuses, 409 when the hold reserves nothing any more. */
  async extendHold(ctx: any) {
    const { amount } = parseExtendHold(ctx.request.body);
    ctx.body = { data: await getService('metering').extendHold(String(ctx.params.holdId), amount) };
  },

  /** A gateway pushes the models it serves into the catalog (source "gateway"). */
  async registerModels(ctx: any) {
    const models = parseCatalogPush(ctx.request.body);
    await getService('catalog').saveMany(models, 'gateway');
    ctx.status = 201;
    ctx.body = { data: { registered: models.map((m) => m.name) } };
  },
};
