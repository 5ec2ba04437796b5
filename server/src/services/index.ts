import settings from './settings';
import pricing from './pricing';
import ledger from './ledger';
import holds from './holds';
import metering from './metering';

export default {
  settings,
  pricing,
  ledger,
  holds,
  metering,
};
