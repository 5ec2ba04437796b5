import { getService } from '../utils/get-service';
import { parseCatalogModel, parseImportQuery } from '../validation/admin';

const param = (ctx: any, name: string) => decodeURIComponent(String(ctx.params[name]));

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
  async saveTool(ctx: any) {
    const tool = ctx.params.tool ? param(ctx, 'tool') : undefined;
    if (!tool) ctx.status = 201;
    ctx.body = { data: await getService('pricing').saveTool(ctx.request.body, tool) };
  },
  async deleteTool(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteTool(param(ctx, 'tool')) };
  },

  async listMultipliers(ctx: any) {
    ctx.body = { data: await getService('pricing').listMultipliers() };
  },
  async saveMultiplier(ctx: any) {
    const name = ctx.params.name ? param(ctx, 'name') : undefined;
    if (!name) ctx.status = 201;
    ctx.body = { data: await getService('pricing').saveMultiplier(ctx.request.body, name) };
  },
  async deleteMultiplier(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteMultiplier(param(ctx, 'name')) };
  },

  async listModels(ctx: any) {
    ctx.body = { data: await getService('pricing').listCatalog() };
  },
  async saveModel(ctx: any) {
    const name = ctx.params.name ? param(ctx, 'name') : undefined;
    const body = parseCatalogModel(name ? { ...(ctx.request.body ?? {}), name } : ctx.request.body);
    if (!name) ctx.status = 201;
    ctx.body = { data: await getService('pricing').saveCatalogModel(body, 'admin') };
  },
  async deleteModel(ctx: any) {
    ctx.body = { data: await getService('pricing').deleteCatalogModel(param(ctx, 'name')) };
  },
};
