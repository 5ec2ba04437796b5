// Period mode under concurrency, on PostgreSQL over real HTTP: many authorize + usage pairs on one
// subscription whose credit covers exactly K reservations, against one and two Strapi instances.
import type { Core } from '@strapi/strapi';
import { nanosToString, toNanos } from '../../server/src/rating';
import { createPgDatabase, dropPgDatabase, startStrapi } from '../helpers/boot';
import { validPricingFile } from '../helpers/fixtures';
import { postJson } from '../helpers/http';
import { spawnServer, type SpawnedServer } from '../helpers/server-process';
import { service } from '../helpers/services';
import { freePort } from '../support/free-port';

const ACTIONS = ['gateway.authorize', 'gateway.usage'];
// The prepaid amount reserved per call is 0.01. An `image` call costs exactly that (so the credit covers
// exactly K calls whatever the interleaving); a `chat` call of 1,000 output tokens costs 0.013, more than
// it reserved.
const PRICING = {
  version: 1,
  currency: 'USD',
  models: [
    { model: 'image', mode: 'per_call', perCall: '0.01' },
    { model: 'chat', mode: 'token', input: '1', output: '13' },
  ],
  tools: [],
  multipliers: [],
};
const PREPAID = '0.01';
const USAGE = { image: { calls: 1 }, chat: { outputTokens: 1000 } } as const;
const BILL = { image: '0.01', chat: '0.013' } as const;
type Model = keyof typeof USAGE;

let strapi: Core.Strapi;
let db: { name: string; url: string };
let urlA: string;
let token: string;
let second: SpawnedServer;

beforeAll(async () => {
  db = await createPgDatabase('ub_period_race');
  const dbEnv = { DATABASE_CLIENT: 'postgres', DATABASE_URL: db.url, DATABASE_POOL_MAX: '10' };
  strapi = await startStrapi({ dbEnv });
  await service(strapi, 'settings').update({ mode: 'period', prepaidAmount: PREPAID });
  await service(strapi, 'pricingFile').importFile(validPricingFile(PRICING), { dryRun: false, allowUnknown: true });
  token = (await strapi.service('admin::api-token').create({
    name: 'period-race', type: 'custom', lifespan: null, permissions: ACTIONS.map((a) => `plugin::usage-billing.${a}`),
  })).accessKey;
  const portA = await freePort();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(portA, '127.0.0.1', () => resolve()));
  urlA = `http://127.0.0.1:${portA}`;
  second = await spawnServer({ port: await freePort(), dbEnv });
}, 180000);

afterAll(async () => {
  await second?.stop();
  await strapi?.destroy();
  if (db) await dropPgDatabase(db.name);
}, 60000);

async function pair(baseUrl: string, userId: string, i: number, model: Model) {
  const requestId = `${userId}-${i}`;
  const auth = await postJson(`${baseUrl}/api/usage-billing/authorize`, { userId, model, requestId }, token);
  if (auth.status !== 200) return { allowed: false, status: auth.status, name: auth.body?.error?.name };
  const usage = await postJson(`${baseUrl}/api/usage-billing/usage`, { requestId, userId, model, holdId: auth.body.data.holdId, usage: USAGE[model] }, token);
  expect(usage.status).toBe(201);
  return { allowed: true, status: 201, charged: usage.body.data.charged as string };
}

/** A subscription whose credit covers exactly K prepaid reservations, then 200 racing pairs on it. */
async function race(userId: string, urls: string[], k: number, model: Model = 'image') {
  const plan = await service(strapi, 'plans').create({ name: `race-${userId}`, price: '1', interval: 'monthly', periodCredit: nanosToString(BigInt(k) * toNanos(PREPAID)) });
  await service(strapi, 'subscriptions').start(userId, plan.id, { source: 'test' });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => pair(urls[i % urls.length], userId, i, model)));
  const knex = strapi.db.connection;
  const row = await knex('ub_subscriptions').select(knex.raw('CAST(credit AS TEXT) AS credit'), knex.raw('CAST(used AS TEXT) AS used')).where({ active_key: userId }).first();
  const logged = await knex('ub_usage_logs').select(knex.raw('CAST(COALESCE(SUM(charged), 0) AS TEXT) AS s'), knex.raw('COUNT(*) AS n')).where({ user_id: userId }).first();
  return { results, credit: BigInt(row.credit), used: BigInt(row.used), loggedCharged: BigInt(logged.s), logs: Number(logged.n) };
}

describe('period mode under concurrency (PostgreSQL)', () => {
  test('200 concurrent pairs on one subscription covering K reservations: exactly K pass, credit used = Σ bills', async () => {
    const K = 41;
    const { results, credit, used, loggedCharged, logs } = await race('period-one', [urlA], K);
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(K);
    expect(results.filter((r) => !r.allowed).every((r) => r.status === 402 && r.name === 'InsufficientCreditError')).toBe(true);
    expect(String(used)).toBe(String(BigInt(K) * toNanos(BILL.image)));
    expect(String(loggedCharged)).toBe(String(used));
    expect(logs).toBe(K);
    expect(used <= credit).toBe(true);
    expect(await strapi.db.connection('ub_holds').where({ user_id: 'period-one', status: 'open' }).count({ c: '*' })).toEqual([{ c: '0' }]);
  }, 120000);

  test('the same race across TWO Strapi instances sharing the database', async () => {
    const K = 29;
    const { results, used, loggedCharged } = await race('period-two', [urlA, second.url], K);
    expect(results.filter((r) => r.allowed)).toHaveLength(K);
    expect(String(used)).toBe(String(BigInt(K) * toNanos(BILL.image)));
    expect(String(loggedCharged)).toBe(String(used));
  }, 120000);

  test('bills above the reservation: credit used = Σ bills exactly, overshooting the credit by at most one overshoot per call', async () => {
    const K = 30;
    const { results, credit, used, loggedCharged } = await race('period-over', [urlA, second.url], K, 'chat');
    const allowed = results.filter((r) => r.allowed).length;
    expect(allowed).toBeGreaterThan(0);
    expect(String(used)).toBe(String(BigInt(allowed) * toNanos(BILL.chat)));
    expect(String(loggedCharged)).toBe(String(used));
    // Each call was admitted only while credit − used − holds ≥ 0.01; settling it adds its bill − 0.01.
    // Compared as a boolean with the amounts in the message: jest cannot print BigInts across workers.
    const bound = credit + BigInt(allowed) * (toNanos(BILL.chat) - toNanos(PREPAID));
    expect({ used: String(used), bound: String(bound), within: used <= bound }).toMatchObject({ within: true });
  }, 120000);
});
