import { getService } from '../utils/get-service';
import { parseCatalogModel } from '../validation/admin';
import { crudHandlers } from './crud';

// The model catalog as admins edit it (source "admin"); gateways push to it through gateway.registerModels.
export default crudHandlers({
  service: () => getService('catalog'),
  param: 'name',
  audit: 'models',
  parseCreate: parseCatalogModel,
  parseUpdate: (name, body) => parseCatalogModel({ ...(body ?? {}), name }),
});
