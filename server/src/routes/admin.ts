import type { ADMIN_ACTIONS } from '../permissions';

// Admin routes: served under /usage-billing/…, admin JWT, each guarded by one RBAC action.
type AdminAction = (typeof ADMIN_ACTIONS)[number]['uid'];

const guard = (action: AdminAction) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'admin::hasPermissions', config: { actions: [`plugin::usage-billing.${action}`] } },
  ],
  middlewares: ['plugin::usage-billing.billing-errors'],
});

const route = (method: string, path: string, handler: string, action: AdminAction) => ({ method, path, handler, config: guard(action) });

export default {
  type: 'admin',
  routes: [
    route('GET', '/settings', 'settings.find', 'settings.read'),
    route('PUT', '/settings', 'settings.update', 'settings.update'),
    route('GET', '/settings/mode-impact', 'settings.modeImpact', 'settings.read'),

    route('GET', '/model-prices', 'admin-pricing.listPrices', 'pricing.read'),
    route('GET', '/model-prices/export', 'admin-pricing.exportPrices', 'pricing.read'),
    route('POST', '/model-prices/import', 'admin-pricing.importPrices', 'pricing.update'),
    // A preview writes nothing: whoever may read prices may price a sample call with a draft.
    route('POST', '/quote', 'admin-pricing.quote', 'pricing.read'),
    route('POST', '/model-prices', 'admin-pricing.createPrice', 'pricing.update'),
    route('PUT', '/model-prices/:model', 'admin-pricing.updatePrice', 'pricing.update'),
    route('DELETE', '/model-prices/:model', 'admin-pricing.deletePrice', 'pricing.update'),
    route('GET', '/tool-prices', 'admin-pricing.listTools', 'pricing.read'),
    route('POST', '/tool-prices', 'admin-pricing.createTool', 'pricing.update'),
    route('PUT', '/tool-prices/:tool', 'admin-pricing.updateTool', 'pricing.update'),
    route('DELETE', '/tool-prices/:tool', 'admin-pricing.deleteTool', 'pricing.update'),
    route('GET', '/multipliers', 'admin-pricing.listMultipliers', 'pricing.read'),
    route('POST', '/multipliers', 'admin-pricing.createMultiplier', 'pricing.update'),
    route('PUT', '/multipliers/:name', 'admin-pricing.updateMultiplier', 'pricing.update'),
    route('DELETE', '/multipliers/:name', 'admin-pricing.deleteMultiplier', 'pricing.update'),
    route('GET', '/models', 'admin-pricing.listModels', 'pricing.read'),
    route('POST', '/models', 'admin-pricing.createModel', 'pricing.update'),
    route('PUT', '/models/:name', 'admin-pricing.updateModel', 'pricing.update'),
    route('DELETE', '/models/:name', 'admin-pricing.deleteModel', 'pricing.update'),

    route('GET', '/accounts', 'admin-accounts.list', 'accounts.read'),
    route('GET', '/accounts/:userId', 'admin-accounts.detail', 'accounts.read'),
    route('GET', '/accounts/:userId/ledger', 'admin-accounts.ledger', 'accounts.read'),
    route('POST', '/accounts/:userId/adjust', 'admin-accounts.adjust', 'accounts.adjust'),
    route('GET', '/reconcile', 'admin-accounts.reconcile', 'accounts.read'),

    route('GET', '/usage-logs', 'admin-logs.list', 'logs.read'),
    route('GET', '/usage-logs/export', 'admin-logs.exportCsv', 'logs.read'),
    route('GET', '/usage-logs/stats', 'admin-logs.stats', 'logs.read'),
  ],
};
