/**
 * The RBAC actions of the admin API: the server registers them (Settings → Roles → Plugins → Usage
 * Billing) and guards each admin route with one; the admin shows, enables or hides what each allows.
 */
import { PLUGIN_ID } from './plugin';

export const ADMIN_ACTIONS = [
  { uid: 'settings.read', displayName: 'Read billing settings', subCategory: 'Settings' },
  { uid: 'settings.update', displayName: 'Update billing settings', subCategory: 'Settings' },
  { uid: 'pricing.read', displayName: 'Read model and tool pricing', subCategory: 'Pricing' },
  { uid: 'pricing.update', displayName: 'Edit, import model and tool pricing', subCategory: 'Pricing' },
  { uid: 'accounts.read', displayName: 'Read accounts, ledgers and holds', subCategory: 'Accounts' },
  { uid: 'accounts.adjust', displayName: 'Adjust balances', subCategory: 'Accounts' },
  { uid: 'logs.read', displayName: 'Read and export usage logs', subCategory: 'Usage logs' },
  { uid: 'plans.read', displayName: 'Read subscription plans', subCategory: 'Plans' },
  { uid: 'plans.update', displayName: 'Edit subscription plans', subCategory: 'Plans' },
  { uid: 'codes.read', displayName: 'Read redemption codes', subCategory: 'Codes' },
  { uid: 'codes.update', displayName: 'Create, disable, delete redemption codes', subCategory: 'Codes' },
  { uid: 'orders.read', displayName: 'Read payment orders and channels', subCategory: 'Payments' },
  { uid: 'payments.test', displayName: 'Make test payments', subCategory: 'Payments' },
] as const;

export type AdminActionUid = (typeof ADMIN_ACTIONS)[number]['uid'];

export const ADMIN_ACTION_UIDS: readonly AdminActionUid[] = ADMIN_ACTIONS.map((action) => action.uid);

/** The full action name Strapi checks: `plugin::usage-billing.settings.read`. */
export const adminActionId = <U extends AdminActionUid>(uid: U) => `plugin::${PLUGIN_ID}.${uid}` as const;
