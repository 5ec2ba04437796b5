// Period mode under concurrency, on PostgreSQL over real HTTP: many authorize + usage pairs on one
// subscription whose credit covers exactly K reservations, against one and two Strapi instances.
import { nanosToString, toNanos } from '../../server/src/rating';
import { validPricingFile } from '../helpers/fixtures';
import { postJson } from '../helpers/http';
import { service } from '../helpers/services';
import { twoInstances } from '../helpers/two-instances';

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

const race = twoInstances('period_race', ACTIONS, async (strapi) => {
  await service(strapi, 'settings').update({ mode: 'period', prepaidAmount: PREPAID });
  await service(strapi, 'pricingFile').importFile(validPricingFile(PRICING), { dryRun: false, allowUnknown: true });
});

async function pair(baseUrl: string, userId: string, i: number, model: Model) {
  const requestId = `${userId}-${i}`;
  const auth = await postJson(`${baseUrl}/api/usage-billing/authorize`, { userId, model, requestId }, race.token);
  if (auth.status !== 200) return { allowed: false, status: auth.status, name: auth.body?.error?.name };
  const usage = await postJson(`${baseUrl}/api/usage-billing/usage`, { requestId, userId, model, holdId: auth.body.data.holdId, usage: USAGE[model] }, race.token);
  expect(usage.status).toBe(201);
  return { allowed: true, status: 201, charged: usage.body.data.charged as string };
}

/** A subscription whose credit covers exactly K prepaid reservations, then 200 racing pairs on it. */
async function raceOn(userId: string, urls: string[], k: number, model: Model = 'image') {
  const plan = await service(race.strapi, 'plans').create({ name: `race-${userId}`, price: '1', interval: 'monthly', periodCredit: nanosToString(BigInt(k) * toNanos(PREPAID)) });
  await service(race.strapi, 'subscriptions').start(userId, plan.id, { source: 'test' });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => pair(urls[i % urls.length], userId, i, model)));
  const knex = race.strapi.db.connection;
  const row = await knex('ub_subscriptions').select(knex.raw('CAST(credit AS TEXT) AS credit'), knex.raw('CAST(used AS TEXT) AS used')).where({ active_key: userId }).first();
  const logged = await knex('ub_usage_logs').select(knex.raw('CAST(COALESCE(SUM(charged), 0) AS TEXT) AS s'), knex.raw('COUNT(*) AS n')).where({ user_id: userId }).first();
  return { results, credit: BigInt(row.credit), used: BigInt(row.used), loggedCharged: BigInt(logged.s), logs: Number(logged.n) };
}

describe('period mode under concurrency (PostgreSQL)', () => {
  test('200 concurrent pairs on one subscription covering K reservations: exactly K pass, credit used = Σ bills', async () => {
    const K = 41;
    const { results, credit, used, loggedCharged, logs } = await raceOn('period-one', [race.urlA], K);
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(K);
    expect(results.filter((r) => !r.allowed).every((r) => r.status === 402 && r.name === 'InsufficientCreditError')).toBe(true);
    expect(String(used)).toBe(String(BigInt(K) * toNanos(BILL.image)));
    expect(String(loggedCharged)).toBe(String(used));
    expect(logs).toBe(K);
    expect(used <= credit).toBe(true);
    expect(await race.strapi.db.connection('ub_holds').where({ user_id: 'period-one', status: 'open' }).count({ c: '*' })).toEqual([{ c: '0' }]);
  }, 120000);

  test('the same race across TWO Strapi instances sharing the database', async () => {
    const K = 29;
    const { results, used, loggedCharged } = await raceOn('period-two', [race.urlA, race.urlB], K);
    expect(results.filter((r) => r.allowed)).toHaveLength(K);
    expect(String(used)).toBe(String(BigInt(K) * toNanos(BILL.image)));
    expect(String(loggedCharged)).toBe(String(used));
  }, 120000);

  test('bills above the reservation: credit used = Σ bills exactly, overshooting the credit by at most one overshoot per call', async () => {
    const K = 30;
    const { results, credit, used, loggedCharged } = await raceOn('period-over', [race.urlA, race.urlB], K, 'chat');
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
