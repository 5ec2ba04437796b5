import { getService } from '../utils/get-service';
import { parseAdminQuote, parseModelPrice, parseModelPriceUpdate } from '../validation/pricing';
import { crudHandlers } from './crud';

export default {
  ...crudHandlers({
    service: () => getService('modelPrices'),
    param: 'model',
    audit: 'model-prices',
    recordsActor: true,
    parseCreate: parseModelPrice,
    parseUpdate: parseModelPriceUpdate,
  }),

  /** The model's price history: every version, who saved it, when, and what it changed (newest first). */
  async history(ctx: any) {
    ctx.body = { data: await getService('modelPrices').history(String(ctx.params.model)) };
  },

  /** Bill preview of a draft (unsaved) model price, priced by the same engine as the content-API /quote. */
  async quote(ctx: any) {
    const { price, request } = parseAdminQuote(ctx.request.body);
    ctx.body = { data: await getService('metering').quote(request, { price }) };
  },
};
