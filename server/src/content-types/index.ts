import account from './account';
import ledgerEntry from './ledger-entry';
import hold from './hold';
import plan from './plan';
import subscription from './subscription';
import code from './code';
import redemption from './redemption';
import redeemAttempt from './redeem-attempt';
import auditEntry from './audit-entry';
import modelPrice from './model-price';
import modelPriceVersion from './model-price-version';
import model from './model';
import toolPrice from './tool-price';
import serviceMultiplier from './service-multiplier';
import usageLog from './usage-log';
import usageRollup from './usage-rollup';
import order from './order';
import webhookEvent from './webhook-event';

export default {
  account,
  'ledger-entry': ledgerEntry,
  hold,
  plan,
  subscription,
  code,
  redemption,
  'redeem-attempt': redeemAttempt,
  'audit-entry': auditEntry,
  'model-price': modelPrice,
  'model-price-version': modelPriceVersion,
  model,
  'tool-price': toolPrice,
  'service-multiplier': serviceMultiplier,
  'usage-log': usageLog,
  'usage-rollup': usageRollup,
  order,
  'webhook-event': webhookEvent,
};
