import { getService } from '../utils/get-service';
import { parseCatalogModel, parseImportQuery } from '../validation/admin';
import { parseAdminQuote } from '../validation/pricing';

// The router has already URL-decoded path parameters: decoding again would corrupt names containing "%".
const param = (ctx: any, name: string) => String(ctx.params[name]);

export default {
  async listPrices(ctx: any) {
    ctx.body = { data: await getService('pricing').listModelPrices() };
  },
  async createPrice(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('pricing').createModelPrice(ctx.request.body) };
  },
  async updatePrice(ctx: any) {
    ctx.body = { data: await getService('pricing').updateModelPrice(param(ctx, 'model'), ctx.request.body) };
  },
  async deletePrice(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteModelPrice(param(ctx, 'model')) };
  },

  /** Bill preview of a draft (unsaved) model price, priced by the same engine as the content-API /quote. */
  async quote(ctx: any) {
    const { price, request } = parseAdminQuote(ctx.request.body);
    ctx.body = { data: await getService('metering').quote(request, { price }) };
  },

  async exportPrices(ctx: any) {
    const file = await getService('pricing').exportFile();
    if (ctx.query.format === 'csv') {
      ctx.set('Content-Disposition', 'attachment; filename="model-prices.csv"');
      ctx.type = 'text/csv';
      ctx.body = getService('pricing').toCsv(file);
      return;
    }
    ctx.set('Content-Disposition', 'attachment; filename="pricing.json"');
    ctx.body = file;
  },
  async importPrices(ctx: any) {
    const { dryRun, allowUnknown } = parseImportQuery(ctx.query);
    ctx.body = { data: await getService('pricing').importFile(ctx.request.body, { dryRun, allowUnknown }) };
  },

  async listTools(ctx: any) {
    ctx.body = { data: await getService('pricing').listTools() };
  },
  async createTool(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('pricing').createTool(ctx.request.body) };
  },
  async updateTool(ctx: any) {
    ctx.body = { data: await getService('pricing').updateTool(param(ctx, 'tool'), ctx.request.body) };
  },
  async deleteTool(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteTool(param(ctx, 'tool')) };
  },

  async listMultipliers(ctx: any) {
    ctx.body = { data: await getService('pricing').listMultipliers() };
  },
  async createMultiplier(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('pricing').createMultiplier(ctx.request.body) };
  },
  async updateMultiplier(ctx: any) {
    ctx.body = { data: await getService('pricing').updateMultiplier(param(ctx, 'name'), ctx.request.body) };
  },
  async deleteMultiplier(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteMultiplier(param(ctx, 'name')) };
  },

  async listModels(ctx: any) {
    ctx.body = { data: await getService('pricing').listCatalog() };
  },
  async createModel(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('pricing').createCatalogModel(parseCatalogModel(ctx.request.body), 'admin') };
  },
  async updateModel(ctx: any) {
    const name = param(ctx, 'name');
    ctx.body = { data: await getService('pricing').updateCatalogModel(name, parseCatalogModel({ ...(ctx.request.body ?? {}), name })) };
  },
  async deleteModel(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteCatalogModel(param(ctx, 'name')) };
  },
};
