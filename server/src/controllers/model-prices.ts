import { getService } from '../utils/get-service';
import { parseAdminQuote, parseModelPrice, parseModelPriceUpdate } from '../validation/pricing';
import { crudHandlers } from './crud';

export default {
  ...crudHandlers({
    service: () => getService('modelPrices'),
    param: 'model',
    audit: 'model-prices',
    parseCreate: parseModelPrice,
    parseUpdate: parseModelPriceUpdate,
  }),

  /** Bill preview of a draft (unsaved) model price, priced by the same engine as the content-API /quote. */
  async quote(ctx: any) {
    const { price, request } = parseAdminQuote(ctx.request.body);
    ctx.body = { data: await getService('metering').quote(request, { price }) };
  },
};
