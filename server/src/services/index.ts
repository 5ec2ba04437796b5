import settings from './settings';
import ledger from './ledger';
import holds from './holds';
import metering from './metering';
import accounts from './accounts';
import usageLogs from './usage-logs';
import priceBook from './pricing/price-book';
import modelPrices from './pricing/model-prices';
import toolPrices from './pricing/tool-prices';
import multipliers from './pricing/multipliers';
import catalog from './pricing/catalog';
import pricingFile from './pricing/pricing-file';
import plans from './plans';
import subscriptions from './subscriptions';
import codes from './codes';
import redemptions from './redemptions';
import audit from './audit';
import orders from './orders';
import payments from './payments';

/** Every service of the plugin, by the name getService() and strapi.plugin(…).service() know it by. */
const services = {
  settings,
  ledger,
  holds,
  metering,
  accounts,
  usageLogs,
  priceBook,
  modelPrices,
  toolPrices,
  multipliers,
  catalog,
  pricingFile,
  plans,
  subscriptions,
  codes,
  redemptions,
  audit,
  orders,
  payments,
};

/** The type of each service, as its factory builds it. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

export default services;
