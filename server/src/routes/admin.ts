import { adminActionId, type AdminActionUid } from '../../../contracts/permissions';
import { pluginUid } from '../utils/plugin-uid';

// Admin routes: served under /usage-billing/…, admin JWT, each guarded by one RBAC action.
const guard = (action: AdminActionUid) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [adminActionId(action)] } }],
  middlewares: [pluginUid('billing-errors')],
});

const route = (method: string, path: string, handler: string, action: AdminActionUid) => ({ method, path, handler, config: guard(action) });

/** GET, POST, PUT /:param and DELETE /:param of a name-keyed list (see controllers/crud.ts). */
const crudRoutes = (path: string, controller: string, param: string) => [
  route('GET', path, `${controller}.list`, 'pricing.read'),
  route('POST', path, `${controller}.create`, 'pricing.update'),
  route('PUT', `${path}/:${param}`, `${controller}.update`, 'pricing.update'),
  route('DELETE', `${path}/:${param}`, `${controller}.delete`, 'pricing.update'),
];

export default {
  type: 'admin',
  routes: [
    route('GET', '/settings', 'settings.find', 'settings.read'),
    route('PUT', '/settings', 'settings.update', 'settings.update'),
    route('GET', '/settings/mode-impact', 'settings.modeImpact', 'settings.read'),
    route('GET', '/audit', 'settings.audit', 'settings.read'),

    route('GET', '/model-prices/export', 'pricing-file.export', 'pricing.read'),
    route('POST', '/model-prices/import', 'pricing-file.import', 'pricing.update'),
    // A preview writes nothing: whoever may read prices may price a sample call with a draft.
    route('POST', '/quote', 'model-prices.quote', 'pricing.read'),
    route('GET', '/model-prices/:model/history', 'model-prices.history', 'pricing.read'),
    ...crudRoutes('/model-prices', 'model-prices', 'model'),
    ...crudRoutes('/tool-prices', 'tool-prices', 'tool'),
    ...crudRoutes('/multipliers', 'multipliers', 'name'),
    ...crudRoutes('/models', 'catalog', 'name'),

    route('GET', '/accounts', 'admin-accounts.list', 'accounts.read'),
    route('GET', '/accounts/:userId', 'admin-accounts.detail', 'accounts.read'),
    route('GET', '/accounts/:userId/ledger', 'admin-accounts.ledger', 'accounts.read'),
    route('POST', '/accounts/:userId/adjust', 'admin-accounts.adjust', 'accounts.adjust'),
    route('GET', '/accounts/:userId/subscriptions', 'admin-accounts.subscriptions', 'accounts.read'),
    route('POST', '/accounts/:userId/subscription', 'admin-accounts.grantSubscription', 'accounts.adjust'),
    route('POST', '/accounts/:userId/subscription/cancel', 'admin-accounts.cancelSubscription', 'accounts.adjust'),
    route('GET', '/reconcile', 'admin-accounts.reconcile', 'accounts.read'),

    route('GET', '/plans', 'plans.list', 'plans.read'),
    route('POST', '/plans', 'plans.create', 'plans.update'),
    route('PUT', '/plans/:id', 'plans.update', 'plans.update'),
    route('DELETE', '/plans/:id', 'plans.delete', 'plans.update'),

    route('GET', '/codes', 'codes.list', 'codes.read'),
    route('GET', '/codes/export', 'codes.exportCsv', 'codes.read'),
    route('GET', '/codes/:id/redemptions', 'codes.redemptions', 'codes.read'),
    route('POST', '/codes', 'codes.create', 'codes.update'),
    route('PUT', '/codes/:id', 'codes.update', 'codes.update'),
    route('DELETE', '/codes/:id', 'codes.delete', 'codes.update'),

    route('GET', '/orders', 'payments.orders', 'orders.read'),
    route('GET', '/payments', 'payments.status', 'orders.read'),
    route('POST', '/payments/test', 'payments.test', 'payments.test'),

    route('GET', '/usage-logs', 'admin-logs.list', 'logs.read'),
    route('GET', '/usage-logs/export', 'admin-logs.exportCsv', 'logs.read'),
    route('GET', '/usage-logs/stats', 'admin-logs.stats', 'logs.read'),
  ],
};
