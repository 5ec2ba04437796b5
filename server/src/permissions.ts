// RBAC actions of the Billing page. Each admin route names exactly one of them.
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
  { uid: 'orders.read', displayName: 'Read payment orders', subCategory: 'Payments' },
] as const;
