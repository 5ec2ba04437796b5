// The setup every concurrency suite shares: a fresh PostgreSQL database, one Strapi booted in this process
// and listening on 127.0.0.1, a second Strapi process on the same database, and an API token limited to
// the given content-API actions. Registers its own beforeAll/afterAll.
import type { Core } from '@strapi/strapi';
import { createPgDatabase, dropPgDatabase, startStrapi } from './boot';
import { spawnServer, type SpawnedServer } from './server-process';
import { freePort } from '../support/free-port';

export interface TwoInstances {
  /** The in-process instance (its services, its database). */
  readonly strapi: Core.Strapi;
  /** Base URLs of the in-process instance and of the second process. */
  readonly urlA: string;
  readonly urlB: string;
  /** An API token allowed on `actions`. */
  readonly token: string;
}

/**
 * `prepare(strapi)` runs on the in-process instance before the second one starts (settings, prices).
 * Read the fields inside tests: they are set by beforeAll.
 */
export function twoInstances(name: string, actions: string[], prepare: (strapi: Core.Strapi) => Promise<void> = async () => {}): TwoInstances {
  const state = {} as { strapi: Core.Strapi; urlA: string; urlB: string; token: string; db: { name: string }; second: SpawnedServer };
  beforeAll(async () => {
    state.db = await createPgDatabase(`ub_${name}`);
    const dbEnv = { DATABASE_CLIENT: 'postgres', DATABASE_URL: (state.db as { url: string; name: string }).url, DATABASE_POOL_MAX: '10' };
    state.strapi = await startStrapi({ dbEnv });
    await prepare(state.strapi);
    state.token = (
      await state.strapi.service('admin::api-token').create({
        name, type: 'custom', lifespan: null, permissions: actions.map((a) => `plugin::usage-billing.${a}`),
      })
    ).accessKey;
    const portA = await freePort();
    await new Promise<void>((resolve) => state.strapi.server.httpServer.listen(portA, '127.0.0.1', () => resolve()));
    state.urlA = `http://127.0.0.1:${portA}`;
    state.second = await spawnServer({ port: await freePort(), dbEnv });
    state.urlB = state.second.url;
  }, 180000);
  afterAll(async () => {
    await state.second?.stop();
    await state.strapi?.destroy();
    if (state.db) await dropPgDatabase(state.db.name);
  }, 60000);
  return {
    get strapi() { return state.strapi; },
    get urlA() { return state.urlA; },
    get urlB() { return state.urlB; },
    get token() { return state.token; },
  };
}
