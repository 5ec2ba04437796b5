// What tests/e2e/global-setup.js started, handed over in process.env.E2E_STATE.
export interface E2EState {
  url: string;
  email: string;
  password: string;
  wsEndpoint: string;
  serverLog: string;
}

let cached: E2EState | undefined;

export function state(): E2EState {
  if (cached) return cached;
  const raw = process.env.E2E_STATE;
  if (!raw) throw new Error('E2E_STATE is not set: run the cases with `npx jest -c tests/e2e/jest.config.js` (its global setup starts the server)');
  cached = JSON.parse(raw) as E2EState;
  return cached;
}

/** The admin panel's URL for a path inside it: adminUrl('/plugins/usage-billing/accounts'). */
export const adminUrl = (path = '') => `${state().url}/admin${path}`;

/** The Billing page's URL for one of its sub-pages. */
export const billingUrl = (subPath = '') => adminUrl(`/plugins/usage-billing${subPath ? `/${subPath}` : ''}`);
