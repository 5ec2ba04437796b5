import { getService } from '../utils/get-service';
import { parseToolPrice, parseToolPriceUpdate } from '../validation/pricing';
import { crudHandlers } from './crud';

export default crudHandlers({
  service: () => getService('toolPrices'),
  param: 'tool',
  audit: 'tool-prices',
  parseCreate: parseToolPrice,
  parseUpdate: parseToolPriceUpdate,
});
