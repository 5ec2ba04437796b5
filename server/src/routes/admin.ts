// Admin routes: served under /usage-billing/…, admin JWT, each guarded by one RBAC action.
const guard = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
  middlewares: ['plugin::usage-billing.billing-errors'],
});

const action = (name: string) => `plugin::usage-billing.${name}`;

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.find', config: guard(action('settings.read')) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guard(action('settings.update')) },
  ],
};
