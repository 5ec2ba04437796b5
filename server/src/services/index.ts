import settings from './settings';
import pricing from './pricing';
import ledger from './ledger';
import holds from './holds';
import metering from './metering';
import accounts from './accounts';
import usageLogs from './usage-logs';

export default {
  settings,
  pricing,
  ledger,
  holds,
  metering,
  accounts,
  usageLogs,
};
