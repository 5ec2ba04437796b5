import { getService } from '../utils/get-service';
import { parseMultiplier, parseMultiplierUpdate } from '../validation/pricing';
import { crudHandlers } from './crud';

export default crudHandlers({
  service: () => getService('multipliers'),
  param: 'name',
  audit: 'multipliers',
  parseCreate: parseMultiplier,
  parseUpdate: parseMultiplierUpdate,
});
