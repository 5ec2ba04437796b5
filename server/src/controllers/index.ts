import settings from './settings';
import gateway from './gateway';
import account from './account';
import modelPrices from './model-prices';
import pricingFile from './pricing-file';
import toolPrices from './tool-prices';
import multipliers from './multipliers';
import catalog from './catalog';
import adminAccounts from './admin-accounts';
import adminLogs from './admin-logs';
import plans from './plans';
import codes from './codes';
import payments from './payments';
import webhooks from './webhooks';
import openapi from './openapi';

export default {
  settings,
  gateway,
  account,
  'model-prices': modelPrices,
  'pricing-file': pricingFile,
  'tool-prices': toolPrices,
  multipliers,
  catalog,
  'admin-accounts': adminAccounts,
  'admin-logs': adminLogs,
  plans,
  codes,
  payments,
  webhooks,
  openapi,
};
