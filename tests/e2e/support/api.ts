// The admin REST API from Node (fetch with an admin JWT): used to read back what the UI saved and to
// compare what a page shows with what the server holds. Every call has a timeout.
import path from 'node:path';

import { state } from './state';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ROOT } = require('./constants');

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${state().url}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) throw new ApiError(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`, response.status, parsed);
  return parsed as T;
}

export interface AdminApi {
  get<T = any>(path: string): Promise<T>;
  put<T = any>(path: string, body: unknown): Promise<T>;
  post<T = any>(path: string, body: unknown): Promise<T>;
  delete<T = any>(path: string): Promise<T>;
}

/** Logs in as the seeded super admin (POST /admin/login) and returns a client holding its token. */
export async function adminApi(): Promise<AdminApi> {
  const { email, password } = state();
  const login = await call<{ data: { token: string } }>('POST', '/admin/login', { body: { email, password } });
  const token = login.data.token;
  if (!token) throw new Error('POST /admin/login returned no token');
  return {
    get: (path) => call('GET', path, { token }),
    put: (path, body) => call('PUT', path, { token, body }),
    post: (path, body) => call('POST', path, { token, body }),
    delete: (path) => call('DELETE', path, { token }),
  };
}

export interface GatewayApi {
  post<T = any>(path: string, body: unknown): Promise<T>;
}

/**
 * The content API (`/api/usage-billing/…`) as a platform's back end calls it: with the demo seed's gateway
 * API token, allowed on every content-API action of the plugin. Strapi keeps the token's key encrypted and
 * shows it to an admin (GET /admin/api-tokens/:id), so the seed's own token is used, not a new one.
 */
export async function gatewayApi(admin: AdminApi): Promise<GatewayApi> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { TOKEN_NAME } = require(path.join(ROOT, 'scripts', 'seed', 'auth'));
  const tokens: Array<{ id: number; name: string }> = (await admin.get('/admin/api-tokens')).data;
  const seeded = tokens.find((token) => token.name === TOKEN_NAME);
  if (!seeded) throw new Error(`the seed's API token "${TOKEN_NAME}" does not exist`);
  const key: string | undefined = (await admin.get(`/admin/api-tokens/${seeded.id}`)).data.accessKey;
  if (!key) throw new Error(`GET /admin/api-tokens/${seeded.id} did not show the token's key`);
  return { post: (apiPath, body) => call('POST', apiPath, { token: key, body }) };
}

/** Deletes the plans named `name` (what a case created under a name of its own), through the admin API. */
export async function deletePlansNamed(api: AdminApi, name: string): Promise<void> {
  const { data } = await api.get('/usage-billing/plans');
  for (const plan of data as Array<{ id: number; name: string }>) {
    if (plan.name === name) await api.delete(`/usage-billing/plans/${plan.id}`);
  }
}
