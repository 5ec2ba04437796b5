import settings from './settings';
import gateway from './gateway';
import account from './account';
import adminPricing from './admin-pricing';
import adminAccounts from './admin-accounts';
import adminLogs from './admin-logs';

export default {
  settings,
  gateway,
  account,
  'admin-pricing': adminPricing,
  'admin-accounts': adminAccounts,
  'admin-logs': adminLogs,
};
