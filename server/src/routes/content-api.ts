// Content-API routes: served under /api/usage-billing/…. Gateway routes need an API token whose
// permissions include the route's own action (plugin::usage-billing.<controller>.<action>).
const withErrors = { middlewares: ['plugin::usage-billing.billing-errors'] };

export default {
  type: 'content-api',
  routes: [] as Array<Record<string, unknown>>,
  withErrors,
};
