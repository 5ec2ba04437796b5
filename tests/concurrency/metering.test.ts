// Races that SQLite would hide: everything here runs on PostgreSQL, over real HTTP, with many requests
// in flight at once, against one and against two Strapi instances (two processes) sharing a database.
import { nanosToString, rate, toNanos, type PriceBook } from '../../server/src/rating';
import { validPricingFile } from '../helpers/fixtures';
import { postJson, type JsonResponse } from '../helpers/http';
import { twoInstances } from '../helpers/two-instances';
import { service } from '../helpers/services';

const ACTIONS = ['gateway.authorize', 'gateway.usage', 'gateway.releaseHold'];
const PRICING = {
  version: 1,
  currency: 'USD',
  models: [
    { model: 'image-call', mode: 'per_call', perCall: '0.01' },
    { model: 'claude-sonnet-4-5', mode: 'token', input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
  ],
  tools: [{ tool: 'web_search', perCall: '0.01', enabled: true }],
  multipliers: [{ name: 'priority', factor: '2' }],
};

const knex = () => race.strapi.db.connection;
const balanceOf = async (userId: string) =>
  String((await knex()('ub_accounts').select(knex().raw('CAST(balance AS TEXT) AS b')).where({ user_id: userId }).first()).b);
const ledgerSum = async (userId: string) =>
  String((await knex()('ub_ledger_entries').select(knex().raw('CAST(COALESCE(SUM(amount), 0) AS TEXT) AS s')).where({ user_id: userId }).first()).s);

const race = twoInstances('race', ACTIONS, async (strapi) => {
  await service(strapi, 'settings').update({ mode: 'usage', prepaidAmount: '0.01' });
  await service(strapi, 'pricingFile').importFile(validPricingFile(PRICING), { dryRun: false, allowUnknown: true });
});

/** One gateway call: authorize, then (when allowed) report a per-call usage that costs exactly 0.01. */
async function pair(baseUrl: string, userId: string, i: number): Promise<{ allowed: boolean } & JsonResponse> {
  const requestId = `${userId}-req-${i}`;
  const auth = await postJson(`${baseUrl}/api/usage-billing/authorize`, { userId, model: 'image-call', requestId }, race.token);
  if (auth.status !== 200) return { allowed: false, status: auth.status, body: auth.body };
  const usage = await postJson(
    `${baseUrl}/api/usage-billing/usage`,
    { requestId, userId, model: 'image-call', holdId: auth.body.data.holdId, usage: { calls: 1 } },
    race.token,
  );
  expect(usage.status).toBe(201);
  return { allowed: true, status: 200, body: usage.body };
}

async function raceOnOneAccount(userId: string, urls: string[], k: number, attempts = 200) {
  await service(race.strapi, 'ledger').adjust({ userId, amount: nanosToString(BigInt(k) * toNanos('0.01')), reason: 'race', actor: 'test' });
  const results = await Promise.all(Array.from({ length: attempts }, (_, i) => pair(urls[i % urls.length], userId, i)));
  const allowed = results.filter((r) => r.allowed).length;
  const refused = results.filter((r) => !r.allowed);
  return { allowed, refused };
}

describe('authorize + usage under concurrency (PostgreSQL)', () => {
  test('200 concurrent pairs on one account covering exactly K calls: exactly K pass, balance exact, ledger = balance', async () => {
    const K = 37;
    const { allowed, refused } = await raceOnOneAccount('race-one', [race.urlA], K);
    expect(allowed).toBe(K);
    expect(refused.every((r) => r.status === 402 && r.body.error.name === 'InsufficientFundsError')).toBe(true);
    expect(await balanceOf('race-one')).toBe('0');
    expect(await ledgerSum('race-one')).toBe('0');
    expect(await knex()('ub_usage_logs').where({ user_id: 'race-one' }).count({ c: '*' })).toEqual([{ c: String(K) }]);
    expect(await knex()('ub_holds').where({ user_id: 'race-one', status: 'open' }).count({ c: '*' })).toEqual([{ c: '0' }]);
  }, 120000);

  test('the same race across TWO Strapi instances (two processes) sharing the database', async () => {
    const K = 23;
    const { allowed } = await raceOnOneAccount('race-two', [race.urlA, race.urlB], K);
    expect(allowed).toBe(K);
    expect(await balanceOf('race-two')).toBe('0');
    expect(await ledgerSum('race-two')).toBe('0');
  }, 120000);

  test('300 concurrent reports with odd token counts: not a nano lost or invented', async () => {
    const userId = 'precision';
    await service(race.strapi, 'ledger').adjust({ userId, amount: '100', reason: 'precision', actor: 'test' });
    const bodies = Array.from({ length: 300 }, (_, i) => ({
      requestId: `prec-${i}`,
      userId,
      model: 'claude-sonnet-4-5',
      usage: { inputTokens: 1 + ((i * 7919) % 9973), outputTokens: (i * 104729) % 4999, cacheReadTokens: (i * 31) % 777, cacheWriteTokens: i % 3 },
      tools: i % 5 === 0 ? [{ tool: 'web_search', calls: 1 + (i % 3) }] : [],
      ...(i % 4 === 0 ? { serviceTier: 'priority' } : {}),
    }));
    const file = validPricingFile(PRICING);
    const book = (model: string): PriceBook => ({ currency: 'USD', price: file.models.find((m) => m.model === model) ?? null, tools: file.tools, multipliers: file.multipliers });
    const expectedTotal = bodies.reduce((sum, b) => sum + toNanos(rate(b, book(b.model)).total), 0n);

    const responses = await Promise.all(bodies.map((b, i) => postJson(`${i % 2 ? race.urlB : race.urlA}/api/usage-billing/usage`, b, race.token)));
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const charged = responses.reduce((sum, r) => sum + toNanos(r.body.data.charged), 0n);
    expect(String(charged)).toBe(String(expectedTotal));
    const expectedBalance = nanosToString(toNanos('100') - expectedTotal);
    expect(nanosToString(BigInt(await balanceOf(userId)))).toBe(expectedBalance);
    expect(await ledgerSum(userId)).toBe(await balanceOf(userId));
  }, 120000);

  test('concurrent duplicates of one report charge once; a different body under the same requestId is a 409', async () => {
    const userId = 'dupes';
    await service(race.strapi, 'ledger').adjust({ userId, amount: '1', reason: 'dupes', actor: 'test' });
    const body = { requestId: 'dup-req', userId, model: 'image-call', usage: { calls: 3 } };
    const conflicting = { ...body, usage: { calls: 4 } };
    const calls = Array.from({ length: 60 }, (_, i) =>
      postJson(`${i % 2 ? race.urlB : race.urlA}/api/usage-billing/usage`, i % 10 === 9 ? conflicting : body, race.token),
    );
    const responses = await Promise.all(calls);
    const statuses = responses.map((r) => r.status);
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    // Whichever body won, the others are replays (200) of it or conflicts (409).
    const winner = created[0].body.data;
    for (const r of responses) {
      if (r.status === 200) expect(r.body.data).toEqual(winner);
      else if (r.status !== 201) expect(r.status).toBe(409);
    }
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThan(0);
    const entries = await knex()('ub_ledger_entries').where({ user_id: userId, kind: 'usage' }).count({ c: '*' });
    expect(entries).toEqual([{ c: '1' }]);
    expect(await balanceOf(userId)).toBe(String(toNanos('1') - toNanos(winner.charged)));
    expect(await ledgerSum(userId)).toBe(await balanceOf(userId));
  }, 120000);
});

describe('authorize: two users racing for one requestId (PostgreSQL)', () => {
  test('30 racing pairs: each gives one 200 and one 409, never a 500', async () => {
    await service(race.strapi, 'ledger').adjust({ userId: 'rid-a', amount: '1', reason: 'race', actor: 'test' });
    await service(race.strapi, 'ledger').adjust({ userId: 'rid-b', amount: '1', reason: 'race', actor: 'test' });
    const pairs = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        Promise.all(
          ['rid-a', 'rid-b'].map((userId, j) =>
            postJson(`${j ? race.urlB : race.urlA}/api/usage-billing/authorize`, { userId, model: 'image-call', requestId: `shared-${i}` }, race.token),
          ),
        ),
      ),
    );
    for (const pair of pairs) expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await knex()('ub_holds').where('request_id', 'like', 'shared-%').count({ c: '*' })).toEqual([{ c: '30' }]);
  }, 120000);
});

describe('settings under concurrency (PostgreSQL)', () => {
  test('three admins saving different settings at the same moment all keep their change (10 rounds)', async () => {
    const put = (patch: Parameters<ReturnType<typeof service<'settings'>>['update']>[0]) => service(race.strapi, 'settings').update(patch);
    for (let i = 0; i < 10; i += 1) {
      await Promise.all([
        put({ payments: { usdToCnyRate: `7.${i + 1}` } }),
        put({ payments: { publicUrl: `https://round-${i}.example` } }),
        put({ holdTtlSeconds: 900 + i }),
      ]);
      const stored = (await race.strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' }).get({})) as any;
      expect([stored.payments.usdToCnyRate, stored.payments.publicUrl, stored.holdTtlSeconds]).toEqual([`7.${i + 1}`, `https://round-${i}.example`, 900 + i]);
    }
  }, 60000);
});
